# Binding an address in use is OSError EADDRINUSE; listen/accept on a datagram socket fail.
import errno
import socket

a = socket.socket()
a.bind(("127.0.0.1", 0))
a.listen(1)
b = socket.socket()
try:
    b.bind(a.getsockname())
except OSError as e:
    print("bind", e.errno == errno.EADDRINUSE, e.args[1])
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    u.listen(1)
except OSError as e:
    print("listen on UDP", type(e).__name__)
for s in (a, b, u):
    s.close()
