# asyncio's streams: open_connection, start_server (see asyncio.py: imported on first use).

import _net
import asyncio as _a
from asyncio import create_task, CancelledError


class IncompleteReadError(EOFError):
    def __init__(self, partial, expected):
        super().__init__("%d bytes read on a total of %r expected bytes" % (len(partial), expected))
        self.partial = partial
        self.expected = expected


def _wait_io(s, bits):
    return _net.suspend((s, bits), None)


class Stream:
    def __init__(self, s, extra=None):
        self.s = s
        self.e = extra or {}
        self.buf = b""
        self.out = b""
        self.eof = False

    def get_extra_info(self, name, default=None):
        if name == "peername":
            try:
                return _net.peer(self.s)
            except OSError:
                return default
        if name == "sockname":
            return _net.local(self.s)
        return self.e.get(name, default)

    async def _fill(self, n):
        while True:
            try:
                d = _net.recv(self.s, n)
            except OSError as e:
                if e.errno != 11:
                    raise
                await _wait_io(self.s, _net.READABLE)
                continue
            if not d:
                self.eof = True
            return d

    async def read(self, n=-1):
        if n < 0:
            parts = [self.buf]
            self.buf = b""
            while not self.eof:
                parts.append(await self._fill(65536))
            return b"".join(parts)
        if self.buf:
            d = self.buf[:n]
            self.buf = self.buf[n:]
            return d
        if self.eof or n == 0:
            return b""
        return await self._fill(n)

    async def readexactly(self, n):
        while len(self.buf) < n:
            if self.eof:
                d = self.buf
                self.buf = b""
                raise IncompleteReadError(d, n)
            self.buf += await self._fill(max(n - len(self.buf), 4096))
        d = self.buf[:n]
        self.buf = self.buf[n:]
        return d

    async def readline(self):
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                d = self.buf[: i + 1]
                self.buf = self.buf[i + 1 :]
                return d
            if self.eof:
                d = self.buf
                self.buf = b""
                return d
            self.buf += await self._fill(4096)

    def write(self, data):
        if self.out:
            self.out += data
            return
        try:
            n = _net.send(self.s, data)
        except OSError as e:
            if e.errno != 11:
                raise
            n = 0
        if n < len(data):
            self.out = bytes(data[n:])

    async def drain(self):
        while self.out:
            try:
                n = _net.send(self.s, self.out)
                self.out = self.out[n:]
            except OSError as e:
                if e.errno != 11:
                    raise
                await _wait_io(self.s, _net.WRITABLE)

    def is_closing(self):
        return self.s is None

    def close(self):
        if self.s is not None and self.out:
            try:
                _net.send(self.s, self.out)
            except OSError:
                pass
        if self.s is not None:
            _net.close(self.s)
            self.s = None

    async def wait_closed(self):
        self.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, t, e, tb):
        self.close()


StreamReader = Stream
StreamWriter = Stream


async def _connect(s, host, port):
    try:
        _net.connect(s, host, port)
    except OSError as e:
        if e.errno != 115:
            raise
        await _wait_io(s, _net.WRITABLE)
        err = _net.error(s)
        if err:
            _net.raise_errno(err)


async def open_connection(host, port):
    ip = _net.resolve(host)[0]
    s = _net.socket(1)
    try:
        await _connect(s, ip, port)
        _net.setopt(s, 2, 1)
    except BaseException:
        _net.close(s)
        raise
    st = Stream(s)
    return st, st


class _Sock:
    # What Server.sockets lists: the listening socket's addresses.
    def __init__(self, s):
        self._s = s

    def fileno(self):
        return self._s

    def getsockname(self):
        return _net.local(self._s)


class Server:
    def __init__(self, s, cb):
        self.s = s
        self.cb = cb
        self.task = None
        self.sockets = [_Sock(s)]

    async def _serve(self):
        s = self.s
        try:
            while True:
                try:
                    c, _ = _net.accept(s)
                except OSError as e:
                    if e.errno != 11:
                        raise
                    await _wait_io(s, _net.READABLE)
                    continue
                try:
                    _net.setopt(c, 2, 1)
                except OSError:
                    pass
                st = Stream(c)
                r = self.cb(st, st)
                if type(r).__name__ == "coroutine":
                    create_task(r)
        finally:
            _net.close(s)
            self.s = None

    def close(self):
        if self.task is not None:
            self.task.cancel()

    async def wait_closed(self):
        t = self.task
        if t is not None and not t._st:
            try:
                await t
            except CancelledError:
                pass

    def is_serving(self):
        return self.task is not None and not self.task._st

    async def serve_forever(self):
        await self.task

    async def __aenter__(self):
        return self

    async def __aexit__(self, t, e, tb):
        self.close()
        await self.wait_closed()


async def start_server(cb, host, port, backlog=5):
    s = _net.socket(1)
    try:
        _net.setopt(s, 1, 1)
        _net.bind(s, _net.resolve(host)[0] if host else "", port)
        _net.listen(s, backlog)
    except BaseException:
        _net.close(s)
        raise
    srv = Server(s, cb)
    srv.task = create_task(srv._serve())
    return srv
