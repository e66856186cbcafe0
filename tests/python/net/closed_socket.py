# A closed socket: close() again is harmless; using it is OSError EBADF; context manager.
import errno
import socket

s = socket.socket()
s.close()
s.close()
for op in (lambda: s.recv(1), lambda: s.send(b"x"), lambda: s.listen(1)):
    try:
        op()
    except OSError as e:
        print(type(e).__name__, e.errno == errno.EBADF)
print(s.fileno())
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
    u.bind(("127.0.0.1", 0))
    print(u.fileno() >= 0, u.type == socket.SOCK_DGRAM)
print(u.fileno())
