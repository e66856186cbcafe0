# End of stream is b""; sending to a peer that closed eventually fails with an OSError.
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
c = socket.socket()
c.connect(srv.getsockname())
conn, _ = srv.accept()
c.close()
print(conn.recv(10))
print(conn.recv(10))
try:
    for i in range(100):
        conn.send(b"x" * 1000)
    print("no error")
except OSError as e:
    print(type(e).__name__, isinstance(e, ConnectionError))
conn.close()
srv.close()
