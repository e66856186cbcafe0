# Data compressed by DeflateIO.write (every format and window size) decompresses back.
try:
    import deflate
except ImportError:
    import deflate_shim_mod as deflate
import io

PARTS = [b"alpha beta gamma " * 20, bytes(range(256)), b"", b"x" * 1000, "text too\n"]
WHOLE = b"".join(p if isinstance(p, bytes) else p.encode() for p in PARTS)


def compress(fmt, wbits):
    out = io.BytesIO()
    with deflate.DeflateIO(out, fmt, wbits) as d:
        n = [d.write(p) for p in PARTS]
    return n, out.getvalue()


for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP, deflate.AUTO):
    for wbits in (0, 5, 9, 12, 15):
        n, data = compress(fmt, wbits)
        back = deflate.DeflateIO(io.BytesIO(data), fmt or deflate.RAW, 15).read()
        print(fmt, wbits, n, back == WHOLE, len(data) < len(WHOLE) // 2)
n, z = compress(deflate.ZLIB, 10)
print(deflate.DeflateIO(io.BytesIO(z)).read() == WHOLE, z[0] & 15, (z[0] * 256 + z[1]) % 31)
n, g = compress(deflate.GZIP, 0)
print(g[:3], deflate.DeflateIO(io.BytesIO(g)).read(17))
empty = io.BytesIO()
deflate.DeflateIO(empty, deflate.ZLIB).close()
print(empty.getvalue())
one = io.BytesIO()
with deflate.DeflateIO(one, deflate.GZIP) as d:
    d.write(b"")
print(deflate.DeflateIO(io.BytesIO(one.getvalue())).read())
