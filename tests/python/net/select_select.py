# select.select over readable and writable sockets.
import select
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
r, w, x = select.select([srv], [], [], 0)
print(r, w, x)
c = socket.socket()
c.connect(srv.getsockname())
r, w, x = select.select([srv], [c], [], 1)
print(r == [srv], w == [c], x)
conn, _ = srv.accept()
c.sendall(b"data")
r, _, _ = select.select([conn, srv], [], [], 1)
print(r == [conn], conn.recv(4))
for s in (c, conn, srv):
    s.close()
