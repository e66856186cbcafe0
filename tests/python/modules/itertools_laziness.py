# itertools stay lazy: they pull from infinite and side-effecting iterators only what is asked.
import itertools
pulled = []
def source():
    for i in itertools.count():
        pulled.append(i)
        yield i
evens = filter(lambda x: x % 2 == 0, source())
print(list(itertools.islice(evens, 3)), pulled)
pulled.clear()
print(next(itertools.dropwhile(lambda x: x < 5, source())), pulled)
a, b = itertools.tee(source(), 2)
print(next(a), next(a), next(b), list(itertools.islice(b, 2)))
print(list(itertools.islice(itertools.accumulate(itertools.count(1)), 5)))
print(list(itertools.islice(itertools.product("ab", itertools.repeat(1, 2)), 3)))
g = itertools.groupby(source(), key=lambda x: x // 3)
k, grp = next(g)
print(k, list(grp), next(g)[0])
print(list(zip(itertools.count(), "xyz")), list(itertools.islice(itertools.cycle([]), 3)))
print(list(itertools.chain(range(2), itertools.islice(source(), 2))))
