# select.poll().ipoll (MicroPython): an iterator of (object, events); flags=1 is one-shot
# (the object's event mask becomes 0 until modify()).
import select
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
c = socket.socket()
c.connect(srv.getsockname())
conn, _ = srv.accept()
c.send(b"x")
p = select.poll()
p.register(conn, select.POLLIN)
for obj, ev in p.ipoll(1000):
    print(obj is conn, ev == select.POLLIN)
print(len(list(p.ipoll(0, 1))))
print(len(list(p.ipoll(0))))
p.modify(conn, select.POLLIN)
print([(o is conn, e) for o, e in p.ipoll(0)])
for s in (c, conn, srv):
    s.close()
