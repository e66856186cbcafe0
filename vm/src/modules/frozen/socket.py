# socket for mote: MicroPython's subset with CPython's semantics, frozen into the VM. Each
# socket is a non-blocking host socket (_net); blocking calls retry after parking the VM in
# _net.wait, so they use no CPU, never block the embedder's executor, and end on Ctrl-C.

import _net
from time import monotonic as _mono

AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
SOL_SOCKET = 1
SO_REUSEADDR = 2
TCP_NODELAY = 1

error = OSError
timeout = TimeoutError


class gaierror(OSError):
    pass


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    try:
        ips = _net.resolve(host)
    except OSError:
        raise gaierror(-2, "Name or service not known") from None
    kinds = (type,) if type else (SOCK_STREAM, SOCK_DGRAM, SOCK_RAW)
    out = []
    for ip in ips:
        for k in kinds:
            p = proto or (IPPROTO_TCP if k == SOCK_STREAM else IPPROTO_UDP if k == SOCK_DGRAM else 0)
            out.append((AF_INET, k, p, "", (ip, port)))
    return out


def _addr(a):
    host, port = a
    return (_net.resolve(host)[0] if host else ""), port


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0):
        if af != AF_INET:
            _net.raise_errno(97)
        if type not in (SOCK_STREAM, SOCK_DGRAM):
            _net.raise_errno(93)
        self._s = _net.socket(type)
        self.family = af
        self.type = type
        self._timeout = None

    def __repr__(self):
        return "<socket fd=%d type=%d>" % (-1 if self._s is None else self._s, self.type)

    def _id(self):
        if self._s is None:
            _net.raise_errno(9)
        return self._s

    def fileno(self):
        return -1 if self._s is None else self._s

    def _deadline(self):
        t = self._timeout
        return None if t is None else _mono() + t

    def _wait(self, bits, deadline):
        # Park until the socket is ready for `bits` or the deadline passes (TimeoutError).
        s = self._id()
        if deadline is None:
            _net.wait([(s, bits)], -1)
            return
        left = deadline - _mono()
        if left <= 0:
            raise TimeoutError("timed out")
        _net.wait([(s, bits)], int(left * 1e6) + 1)

    def _retry(self, bits, fn, *args):
        deadline = self._deadline()
        while True:
            try:
                return fn(self._id(), *args)
            except OSError as e:
                if e.errno != 11 or self._timeout == 0:
                    raise
            self._wait(bits, deadline)

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0

    def settimeout(self, value):
        if value is not None and value < 0:
            raise ValueError("Timeout value out of range")
        self._timeout = None if value is None else float(value)

    def gettimeout(self):
        return self._timeout

    def setsockopt(self, level, opt, value):
        if level == SOL_SOCKET and opt == SO_REUSEADDR:
            _net.setopt(self._id(), 1, int(value))
        elif level == IPPROTO_TCP and opt == TCP_NODELAY:
            _net.setopt(self._id(), 2, int(value))
        else:
            _net.raise_errno(92)

    def bind(self, addr):
        host, port = _addr(addr)
        _net.bind(self._id(), host, port)

    def listen(self, backlog=5):
        _net.listen(self._id(), backlog)

    def accept(self):
        c, addr = self._retry(_net.READABLE, _net.accept)
        s = socket.__new__(socket)
        s._s = c
        s.family = AF_INET
        s.type = SOCK_STREAM
        s._timeout = None
        return s, addr

    def connect(self, addr):
        host, port = _addr(addr)
        s = self._id()
        try:
            _net.connect(s, host, port)
            return
        except OSError as e:
            if e.errno != 115 or self._timeout == 0:
                raise
        deadline = self._deadline()
        while not _net.ready(s) & (_net.WRITABLE | _net.ERROR | _net.HANGUP):
            self._wait(_net.WRITABLE, deadline)
        err = _net.error(s)
        if err:
            _net.raise_errno(err)

    def send(self, data):
        return self._retry(_net.WRITABLE, _net.send, data)

    def sendall(self, data):
        n = 0
        while n < len(data):
            n += self._retry(_net.WRITABLE, _net.send, data[n:] if n else data)

    def recv(self, n):
        return self._retry(_net.READABLE, _net.recv, n)

    def sendto(self, data, addr):
        host, port = _addr(addr)
        return self._retry(_net.WRITABLE, _net.sendto, data, host, port)

    def recvfrom(self, n):
        return self._retry(_net.READABLE, _net.recvfrom, n)

    def getpeername(self):
        return _net.peer(self._id())

    def getsockname(self):
        return _net.local(self._id())

    def close(self):
        if self._s is not None:
            _net.close(self._s)
            self._s = None

    def makefile(self, mode="rb", buffering=None):
        return _File(self, "b" not in mode)

    # MicroPython's stream methods on the socket itself (one buffer for both).
    def _stream(self):
        f = self.__dict__.get("_f")
        if f is None:
            f = self._f = _File(self, False)
        return f

    def read(self, n=-1):
        return self._stream().read(n)

    def readline(self):
        return self._stream().readline()

    def write(self, data):
        self.sendall(data)
        return len(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _File:
    # socket.makefile(): buffered reads and writes over a socket.
    def __init__(self, sock, text):
        self._sock = sock
        self._text = text
        self._buf = b""

    def _out(self, b):
        return b.decode() if self._text else b

    def read(self, n=-1):
        while n < 0 or len(self._buf) < n:
            d = self._sock.recv(4096 if n < 0 else max(n - len(self._buf), 1))
            if not d:
                break
            self._buf += d
        if n < 0:
            n = len(self._buf)
        d = self._buf[:n]
        self._buf = self._buf[n:]
        return self._out(d)

    def readline(self):
        while True:
            i = self._buf.find(b"\n")
            if i >= 0:
                d = self._buf[: i + 1]
                self._buf = self._buf[i + 1 :]
                return self._out(d)
            d = self._sock.recv(4096)
            if not d:
                d = self._buf
                self._buf = b""
                return self._out(d)
            self._buf += d

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        self._sock.sendall(data)
        return len(data)

    def flush(self):
        pass

    def close(self):
        self._sock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
