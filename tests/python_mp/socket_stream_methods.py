# MicroPython's stream methods on a socket: write, readline, read.
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
c = socket.socket()
c.connect(srv.getsockname())
conn, _ = srv.accept()
print(c.write(b"one\ntwo\n"))
c.close()
print(conn.readline())
print(conn.read())
conn.close()
srv.close()
