# makefile(): line iteration and read(n) over a stream socket.
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
c = socket.socket()
c.connect(srv.getsockname())
conn, _ = srv.accept()
w = c.makefile("wb")
w.write(b"first line\nsecond\nthird without newline")
w.flush()
w.close()
c.close()
r = conn.makefile("rb")
print(r.read(5))
for line in r:
    print(line)
print(r.read(10))
r.close()
conn.close()
srv.close()
