it = iter(range(3))
for i in range(2000):
    it = map(abs, filter(None, zip(enumerate(it))))
try:
    print(next(it))
except RecursionError:
    pass
g = iter([1])
for i in range(500):
    g = (x for x in g)
print(list(g), isinstance(1, ((int,),)), issubclass(int, ((str, (int,)),)))
