x = []
for i in range(2000):
    x = [x, {1: x}]
try:
    print(repr(x), str(frozenset([1])), f"{x!r}", "%s" % (x,))
except RecursionError:
    pass
e = ValueError()
for i in range(300):
    e = ValueError(e)
print(str(e))
