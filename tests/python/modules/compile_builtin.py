def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# compile(): code objects run by exec and eval, modes, errors.
def t2(f):
    try:
        f()
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)


c = compile('x = 6 * 7', 'f.py', 'exec')
ns = {}
exec(c, ns)
print(ns['x'])
e = compile('x + 1', '<e>', 'eval')
print(eval(e, {'x': 1}), eval(e, {'x': 41}))
exec(compile('for i in range(3):\n    print(i)', '<loop>', 'exec'))
s = compile('y = 2', '<s>', 'single')
g = {}
exec(s, g)
print(g['y'])
t2(lambda: compile('1 +', '<bad>', 'exec'))
t(lambda: compile('x', '<m>', 'nope'))
t(lambda: compile(5, '<t>', 'exec'))
t2(lambda: compile('x = 1', '<e>', 'eval'))
t(lambda: eval(compile('undefined_name', '<n>', 'eval')))
