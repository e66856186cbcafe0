# select.poll: register, modify, unregister; readiness and timeouts. Results name the socket
# (MicroPython) or its fd (CPython): `same` accepts both.
import select
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(2)
p = select.poll()


def same(o, s):
    return o is s or o == s.fileno()


p.register(srv, select.POLLIN)
print(p.poll(0))
c = socket.socket()
c.connect(srv.getsockname())
ready = p.poll(1000)
print(len(ready), same(ready[0][0], srv), ready[0][1] & select.POLLIN != 0)
conn, _ = srv.accept()
p.register(conn, select.POLLIN)
p.unregister(srv)
print(p.poll(10))
p.modify(conn, select.POLLIN | select.POLLOUT)
ev = p.poll(1000)
print([(same(o, conn), e & select.POLLOUT != 0, e & select.POLLIN != 0) for o, e in ev])
c.send(b"hi")
p.modify(conn, select.POLLIN)
ev = p.poll(1000)
print([(same(o, conn), e == select.POLLIN) for o, e in ev], conn.recv(10))
try:
    p.unregister(srv)
except KeyError:
    print("KeyError")
for s in (c, conn, srv):
    s.close()
