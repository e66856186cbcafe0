# UDP: sendto/recvfrom between two datagram sockets on loopback.
import socket

a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a.bind(("127.0.0.1", 0))
b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
b.bind(("127.0.0.1", 0))
pa = a.getsockname()[1]
pb = b.getsockname()[1]
print(a.sendto(b"ping", ("127.0.0.1", pb)))
data, addr = b.recvfrom(100)
print(data, addr == ("127.0.0.1", pa))
b.sendto(b"pong" * 3, addr)
print(a.recvfrom(5)[0])
a.close()
b.close()
