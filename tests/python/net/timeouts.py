# settimeout: recv and accept give up with TimeoutError; settimeout(None) is blocking again.
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
srv.settimeout(0.05)
print(srv.gettimeout())
try:
    srv.accept()
except TimeoutError as e:
    print("accept:", type(e).__name__, e, isinstance(e, OSError))
c = socket.socket()
c.settimeout(1)
c.connect(srv.getsockname())
conn, _ = srv.accept()
conn.settimeout(0.05)
try:
    conn.recv(1)
except socket.timeout as e:
    print("recv:", e)
conn.settimeout(None)
print(conn.gettimeout())
c.sendall(b"x")
print(conn.recv(1))
try:
    c.settimeout(-1)
except ValueError as e:
    print("ValueError", e)
for s in (c, conn, srv):
    s.close()
