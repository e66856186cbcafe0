# deflate: MicroPython's constants and the headers its compressor writes for each format and
# window size (zlib's CMF/FLG from wbits, default 8; gzip's fixed 10-byte header).
import deflate
import io

print(deflate.AUTO, deflate.RAW, deflate.ZLIB, deflate.GZIP)


def packed(fmt, wbits=0, data=b"a"):
    o = io.BytesIO()
    with deflate.DeflateIO(o, fmt, wbits) as d:
        d.write(data)
    return o.getvalue()


z = packed(deflate.ZLIB)
print(z[:2], (z[0] * 256 + z[1]) % 31)
print(packed(deflate.ZLIB, 15)[:2], packed(deflate.ZLIB, 10)[:2])
print(packed(deflate.GZIP)[:10])
print(packed(deflate.RAW), packed(deflate.AUTO))
print(len(packed(deflate.GZIP, 0, b"")))
for bad in ((io.BytesIO(), 4), (io.BytesIO(), 0, 4), (io.BytesIO(), 0, 16)):
    try:
        deflate.DeflateIO(*bad)
    except ValueError as e:
        print("ValueError", e)
