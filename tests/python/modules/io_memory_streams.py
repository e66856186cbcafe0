# io.StringIO and io.BytesIO: write/read/readline/seek/tell/truncate/getvalue, iteration,
# with-blocks, closed streams, and errors.
import io


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


s = io.StringIO()
print(s.write('hello\n'), s.write('wörld\n'), s.write('x'), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read(3)), s.tell(), repr(s.read()), repr(s.read()))
s.seek(0)
print(s.readlines(), list(io.StringIO('a\nb\nc')), [ln for ln in io.StringIO('x\ny\n')])
s = io.StringIO('abcdef')
s.seek(2)
s.write('XY')
print(repr(s.getvalue()), s.tell(), repr(s.read()))
s = io.StringIO('abc')
s.seek(5)
s.write('Z')
print(repr(s.getvalue()))
s = io.StringIO('abcdef')
print(s.truncate(3), repr(s.getvalue()), s.tell(), s.seek(0, 2), s.seek(0, 1))
print(isinstance(s, io.StringIO), s.readable(), s.writable(), s.seekable(), s.closed)
with io.StringIO('ctx') as c:
    print(c.read())
print(c.closed)
t(lambda: c.read())
t(lambda: c.getvalue())
t(lambda: io.StringIO().write(b'x'))
t(lambda: io.StringIO('hello').seek(-1))
t(lambda: io.StringIO('hello').seek(1, 1))
t(lambda: io.StringIO('hello').seek(0, 3))
t(lambda: io.StringIO(5))
b = io.BytesIO(b'abc')
b.seek(-1, 2)
print(b.read(), b.tell(), b.seek(1, 0), b.read(1), b.seek(-1, 1))
b.write(b'Z' * 3)
b.write(bytearray(b'!'))
print(b.getvalue(), b.tell(), io.BytesIO().getvalue())
b.seek(0)
print(b.readline(), b.readlines())
t(lambda: io.BytesIO().write('x'))
t(lambda: io.BytesIO().seek(-1))
t(lambda: io.BytesIO('x'))
out = io.StringIO()
for i in range(1000):
    out.write(str(i))
print(len(out.getvalue()), out.getvalue()[-10:])
print('printed', file=out)
print(repr(out.getvalue()[-8:]))
