# Edges of str.format templates, %-formatting, slicing, int arithmetic and error messages
# that name types: the parsers and index paths behind them were rewritten without panics.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class P:
    x = 'px'
    def __repr__(self):
        return 'P()'
    def __str__(self):
        return 'p'
    def __getitem__(self, k):
        return 'item:%r' % (k,)

for t in ['{{}}', '{{{0}}}', 'a{0}b{1}c', '{0.x}', '{0[k]}', '{0[3]}', '{0.x[2]}',
          '{0!r:>6}', '{0:{1}}', '{', '}', 'a}b', '{0', '{0!}', '{0!r', '{0!rx}',
          '{0[}', '{0.}', '{0]x}', '{:%}', '{0!z}']:
    show(lambda: t.format(P(), 7, 'x'))
for t, a in [('%%', ()), ('%s%%', ('a',)), ('%(a)s-%(b)r', {'a': 1, 'b': 'x'}),
             ('%(a(b))s', {'a(b)': 2}), ('%(a', {}), ('%', ()), ('%5.2f|%-6d|%x', (3.14159, 42, 255)),
             ('%.3s|%c|%c', ('abcdef', 'z', 65)), ('é%sü', ('ö',)), ('%s', ()), ('%d', ('a',)),
             ('%*d|%.*f', (5, 1, 2, 2.5)), ('%e|%G', (12345.678, 1e-7)), ('%d %d', (1,))]:
    show(lambda: t % a)
s, u, b = 'hello world', 'héllo wörld', b'bytes here'
for x in (s, u, b, bytearray(b)):
    print(x[1:8:2], x[::-3], x[-3:], x[5:2], x[-1], x[0])
show(lambda: s[len(s)])
show(lambda: u[-len(u) - 1])
print([u[i] for i in range(len(u))][:4], u[-1] == 'd')
print(format(1234567.891, ',.2f'), format(-1234567, '_'), format(255, '_b'), format(12, '09,d'))
print(format(0.000012345, 'e'), format(1e22, 'f'), format(123.456, '.1f'), 1e16, 1.5e-5)
print(int('0x_ff', 0), int(' -0b101 ', 0), int('+z', 36), hex(3**70), oct(-2**65), bin(5))
for t in ['0x', '1_', '_1', '12a', '0b2']:
    show(lambda: int(t, 0))
print(float('1_0.5'), float(' -inf'), float('+1e3'), 7.5 % 2, -7.5 % 2, 7.5 % -2)
for a, b in [(2**31 - 1, 1), (-2**31, -1), (2**32, -2**32), (2**64, 3), (3, -2**64), (-5, 2**40)]:
    print(a + b, a - b, b - a, a * 7, a * b)
print(5 in range(10, 0, -5), 6 in range(10, 0, -5), -2**63 in range(0, -2**70, -3))
n = 5
for g in [lambda: 1 + 'a', lambda: 'a' + 1, lambda: [1] + (1,), lambda: [] * 1.5, lambda: {}[[]],
          lambda: hash([]), lambda: iter(5), lambda: next([]), lambda: n[0], lambda: len(5),
          lambda: P().nope, lambda: P.nope, lambda: setattr(5, 'y', 1),
          lambda: (1).x, lambda: 1 in 'a']:
    show(g)
class A: pass
class B(A): pass
try:
    type('C', (A, B), {})
except TypeError as e:
    print('TypeError', str(e)[:40])
print([k.__name__ for k in type('D', (B, A), {}).__mro__])
