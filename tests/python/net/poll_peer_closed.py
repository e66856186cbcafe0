# When the peer closes, poll reports the socket readable and recv returns b"".
import select
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
c = socket.socket()
c.connect(srv.getsockname())
conn, _ = srv.accept()
p = select.poll()
p.register(conn, select.POLLIN)
print(p.poll(0))
c.sendall(b"last words")
c.close()
ev = p.poll(1000)
print(len(ev), ev[0][1] & select.POLLIN != 0)
print(conn.recv(100), conn.recv(100))
conn.close()
srv.close()
