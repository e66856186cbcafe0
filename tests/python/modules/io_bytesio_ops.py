# io.BytesIO and StringIO: seek/tell/truncate, readline loops, write past the end.
import io
b = io.BytesIO(b"line1\nline2\nlast")
print(b.readline(), b.tell(), b.read(3), b.readlines())
b.seek(0)
print([l for l in b], b.seek(2), b.read(2), b.seek(0, 2), b.tell())
b.write(b"++")
b.seek(20)
b.write(b"!")
print(b.getvalue())
print(b.truncate(5), b.getvalue(), b.tell())
s = io.StringIO("héllo\nwörld\n")
print(s.read(2), s.tell(), s.readline(), s.read())
s = io.StringIO()
print(s.write("abc"), s.write("é"), s.getvalue(), s.tell())
s.close()
print(s.closed)
try:
    s.read()
except ValueError as e:
    print(type(e).__name__)
