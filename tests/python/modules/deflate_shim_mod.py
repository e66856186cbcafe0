# CPython has no `deflate`: this stand-in over `zlib` behaves as MicroPython's DeflateIO for
# what the deflate_* programs use, so CPython can print their expected output.
import zlib

AUTO, RAW, ZLIB, GZIP = 0, 1, 2, 3


class DeflateIO:
    def __init__(self, stream, format=AUTO, wbits=0, close=False):
        if format not in (AUTO, RAW, ZLIB, GZIP):
            raise ValueError("format")
        if wbits and not 5 <= wbits <= 15:
            raise ValueError("wbits")
        self._s, self._f, self._w, self._close = stream, format, wbits, close
        self._d = self._c = None
        self._buf = b""
        self._eof = self._closed = False

    def _fill(self, n, line=False):
        if self._closed:
            raise OSError(22, "Invalid argument")
        if self._d is None:
            self._d = zlib.decompressobj({AUTO: 47, RAW: -15, ZLIB: 15, GZIP: 31}[self._f])
        while not self._eof and (n is None or len(self._buf) < n):
            if line and b"\n" in self._buf:
                break
            b = self._s.read(1)
            if not b:
                raise EOFError
            try:
                self._buf += self._d.decompress(b)
            except zlib.error:
                raise OSError(22, "Invalid argument")
            self._eof = self._d.eof

    def read(self, n=-1):
        n = None if n is None or n < 0 else n
        self._fill(n)
        out, self._buf = self._buf[:n], self._buf[len(self._buf) if n is None else n:]
        return out

    def readline(self):
        self._fill(None, True)
        i = self._buf.find(b"\n") + 1 or len(self._buf)
        out, self._buf = self._buf[:i], self._buf[i:]
        return out

    def readinto(self, buf):
        data = self.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def write(self, data):
        if self._closed:
            raise OSError(22, "Invalid argument")
        if self._c is None:
            w = max(self._w or 8, 9)
            self._c = zlib.compressobj(9, zlib.DEFLATED, {RAW: -w, AUTO: -w, ZLIB: w, GZIP: 16 + w}[self._f])
        self._s.write(self._c.compress(bytes(data, "utf-8") if isinstance(data, str) else data))
        return len(data)

    def close(self):
        if not self._closed:
            self._closed = True
            if self._c is not None:
                self._s.write(self._c.flush())
            if self._close:
                self._s.close()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()
