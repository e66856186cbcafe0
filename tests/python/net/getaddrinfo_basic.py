# getaddrinfo: 5-tuples ending in (ip, port); one entry per requested socket type.
import socket

r = socket.getaddrinfo("127.0.0.1", 8080, socket.AF_INET, socket.SOCK_STREAM)
print(len(r), r[0][-1], r[0][1] == socket.SOCK_STREAM, r[0][0] == socket.AF_INET)
r = socket.getaddrinfo("localhost", 53, socket.AF_INET, socket.SOCK_DGRAM)
print(r[0][-1], r[0][1] == socket.SOCK_DGRAM)
print(len(r[0]), r[0][3])
