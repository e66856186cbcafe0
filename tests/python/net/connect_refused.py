# Connecting to a closed port is ConnectionRefusedError (an OSError) with ECONNREFUSED.
import errno
import socket

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.connect(("127.0.0.1", port))
except OSError as e:
    print(type(e).__name__, isinstance(e, ConnectionError), e.errno == errno.ECONNREFUSED)
    print(e.args[1])
s.close()
