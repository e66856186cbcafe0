# CPython's parser takes 200 nested brackets of any kind; the 201st is a SyntaxError.

def nest(open_, close, n, inner='1'):
    return open_ * n + inner + close * n

shapes = [
    ('(', ')'),
    ('[', ']'),
    ('f(', ')'),
    ('g[', ']'),
    ('{1: ', '}'),
    ('(-', ')'),
    ('(not ', ')'),
    ('(1 + ', ')'),
    ('(lambda: ', ')()'),
]
env = {'f': lambda x: x, 'g': {1: 1}}
for open_, close in shapes:
    value = eval(nest(open_, close, 199), env)
    depth = 0
    while isinstance(value, (list, dict)):
        value = value[0] if isinstance(value, list) else value[1]
        depth += 1
    print(repr(open_), 'ok', depth, value)
    if 'lambda' in open_:
        continue
    try:
        eval(nest(open_, close, 201), env)
        print('201 levels accepted')
    except SyntaxError as e:
        print(repr(open_), 201, type(e).__name__, e.msg)

# Exactly 200 open at once is still fine.
print(eval('(' * 200 + '2' + ')' * 200))
print(len(str(eval('[' * 200 + ']' * 200))))

# Nested tuples of constants, deep and in a function.
t = eval('(' * 150 + '1,' + '),' * 149 + ')')
n = 0
while isinstance(t, tuple):
    t = t[0]
    n += 1
print('tuple depth', n, t)

src = 'def h():\n    return ' + nest('[', ']', 190, 'x') + '\nx = 5\n'
ns = {}
exec(src, ns)
print(len(repr(ns['h']())))

# Left-associative chains are not nesting.
print(eval('+'.join(['1'] * 300)))
print(eval('x' + '.real' * 500, {'x': 3}))
