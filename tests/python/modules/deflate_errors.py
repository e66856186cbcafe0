# DeflateIO errors: bad arguments, bad headers, corrupt or short data, closed streams.
try:
    import deflate
except ImportError:
    import deflate_shim_mod as deflate
import io

# zlib.compress(b'hello hello hello', 9) and its raw and gzip forms
ZLIB = b'x\xda\xcbH\xcd\xc9\xc9W\xc8@\x90\x00:.\x06}'
RAW = ZLIB[2:-4]
GZIP = b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03' + RAW + b'\x80\x88\xf9\xe5\x11\x00\x00\x00'


def attempt(data, *args):
    try:
        with deflate.DeflateIO(io.BytesIO(data), *args) as d:
            print(d.read())
    except (OSError, EOFError, ValueError) as e:
        print(type(e).__name__, e)


attempt(ZLIB)
attempt(RAW, deflate.RAW)
attempt(GZIP)
attempt(RAW)
attempt(ZLIB, deflate.GZIP)
attempt(GZIP, deflate.ZLIB)
attempt(ZLIB[:-1] + b'\x00')
attempt(GZIP[:-8] + b'\x00\x00\x00\x00' + GZIP[-4:])
attempt(ZLIB[:8])
attempt(GZIP[:5])
attempt(b'', deflate.RAW)
attempt(b'\x07', deflate.RAW)
attempt(b'\xff\xff\xff\xff', deflate.RAW)
attempt(b'\x78\x9d' + RAW)
attempt(ZLIB, 4)
attempt(ZLIB, -1)
attempt(ZLIB, deflate.ZLIB, 4)
attempt(ZLIB, deflate.ZLIB, 16)
d = deflate.DeflateIO(io.BytesIO(ZLIB))
print(d.read(5))
d.close()
d.close()
for op in (lambda: d.read(), lambda: d.write(b'x'), lambda: d.readline()):
    try:
        op()
    except OSError as e:
        print(type(e).__name__, e.errno)
inner = io.BytesIO()
with deflate.DeflateIO(inner, deflate.RAW, 8, True) as w:
    w.write(b'abc')
print(inner.closed)
