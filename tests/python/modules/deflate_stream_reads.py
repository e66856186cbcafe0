# DeflateIO reads in pieces: readinto into bytearray and memoryview, readline, read(0).
try:
    import deflate
except ImportError:
    import deflate_shim_mod as deflate
import io

lines = [b"%03d: %s\n" % (i, b"data" * (i % 4)) for i in range(30)]
whole = b"".join(lines)
out = io.BytesIO()
with deflate.DeflateIO(out, deflate.ZLIB) as w:
    for line in lines:
        w.write(line)
packed = out.getvalue()
d = deflate.DeflateIO(io.BytesIO(packed))
print(d.readline(), d.read(0), d.readline())
buf = bytearray(16)
print(d.readinto(buf), bytes(buf))
view = memoryview(buf)
print(d.readinto(view[4:10]), bytes(buf))
rest = d.read()
print(len(rest), d.read(), whole.endswith(rest))
count = 0
d = deflate.DeflateIO(io.BytesIO(packed), deflate.ZLIB)
while d.readline():
    count += 1
print(count)
