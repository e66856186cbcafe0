# setblocking(False): operations that would block raise OSError EAGAIN at once.
import errno
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
srv.setblocking(False)
print(srv.gettimeout())
try:
    srv.accept()
except OSError as e:
    print("accept", e.errno == errno.EAGAIN)
c = socket.socket()
c.connect(srv.getsockname())
conn, _ = srv.accept()
conn.setblocking(False)
try:
    conn.recv(10)
except OSError as e:
    print("recv", e.errno == errno.EAGAIN)
c.send(b"now")
c.setblocking(True)
print(c.gettimeout())
import select
p = select.poll()
p.register(conn, select.POLLIN)
p.poll(1000)
print(conn.recv(10))
for s in (c, conn, srv):
    s.close()
