# Class bodies nest as deep as indentation allows (99 levels), each running inside the
# previous one's body.

depth = 99
src = ''
for i in range(depth):
    src += ' ' * i + 'class C%d:\n' % i
    src += ' ' * (i + 1) + 'level = %d\n' % i
src += ' ' * depth + 'inner = "deepest"\n'
ns = {}
exec(src, ns)
c = ns['C0']
names = [c.__name__]
while True:
    nested = [v for k, v in vars(c).items() if k.startswith('C')]
    if not nested:
        break
    c = nested[0]
    names.append(c.__name__)
print(len(names), names[0], names[-1], c.level, c.inner)
print(c.__qualname__.count('.'))

# Methods of the deepest class see their own class through the chain.
src = ''
for i in range(40):
    src += ' ' * i + 'class D%d:\n' % i
src += ' ' * 40 + 'def m(self):\n'
src += ' ' * 41 + 'return type(self).__qualname__.count(".")\n'
ns = {}
exec(src, ns)
d = ns['D0']
for i in range(1, 40):
    d = getattr(d, 'D%d' % i)
print(d().m())

# A class made by exec with bare globals takes its module name from builtins.__name__.
ns = {}
exec('class E:\n    pass\n', ns)
print(ns['E'].__module__)
