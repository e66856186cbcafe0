# A blocking-socket HTTP/1.0 server and client in one program (the kernel's buffers let one
# thread play both sides in turn).
import socket

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
port = srv.getsockname()[1]

ai = socket.getaddrinfo("127.0.0.1", port, 0, socket.SOCK_STREAM)[0]
print(ai[-1] == ("127.0.0.1", port))
cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
cli.connect(ai[-1])
cli.sendall(b"GET /hello HTTP/1.0\r\nHost: localhost\r\n\r\n")

conn, addr = srv.accept()
print("client from", addr[0])
req = conn.makefile("rb")
request_line = req.readline()
print(request_line)
headers = []
while True:
    line = req.readline()
    if line in (b"\r\n", b""):
        break
    headers.append(line.strip())
print(headers)
body = b"Hello, " + request_line.split()[1][1:] + b"!\n"
conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body))
conn.sendall(body)
req.close()
conn.close()

resp = b""
while True:
    chunk = cli.recv(7)
    if not chunk:
        break
    resp += chunk
cli.close()
srv.close()
head, _, payload = resp.partition(b"\r\n\r\n")
print(head.split(b"\r\n"))
print(payload)
