def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# io.StringIO/BytesIO: initial values, seek/tell, truncate, readline(s), iteration, closed.
import io
s = io.StringIO('line1\nline2\nline3')
print(s.readline(), s.readlines(), s.read(), s.tell())
s.seek(0)
print([l for l in s], s.getvalue().count('\n'))
w = io.StringIO()
print(w.write('abc'), w.write('def'), w.getvalue(), w.tell())
w.seek(2)
w.write('Z')
w.truncate(4)
print(w.getvalue())
b = io.BytesIO(b'\x00\x01\x02')
print(b.read(2), b.read(), b.read(), b.seek(1), b.read(1))
b.write(b'XY')
print(b.getvalue())
with io.BytesIO() as f:
    f.write(b'q')
print(f.closed)
t(lambda: f.write(b'x'))
t(lambda: io.StringIO(5))
