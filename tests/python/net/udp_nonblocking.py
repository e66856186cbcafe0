# A non-blocking UDP socket: recvfrom with nothing queued is EAGAIN; poll sees a datagram.
import errno
import select
import socket

u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 0))
u.setblocking(False)
try:
    u.recvfrom(10)
except OSError as e:
    print("EAGAIN", e.errno == errno.EAGAIN)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.sendto(b"datagram", u.getsockname())
p = select.poll()
p.register(u, select.POLLIN)
print(len(p.poll(1000)))
print(u.recvfrom(4)[0])
try:
    u.recvfrom(10)
except OSError as e:
    print("rest of the datagram was dropped", e.errno == errno.EAGAIN)
u.close()
s.close()
