def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# deque: maxlen 0 and 1, rotate both ways, index bounds, extendleft order, iteration.
from collections import deque
d = deque(maxlen=0)
d.append(1)
d.appendleft(2)
print(d, len(d), d.maxlen)
one = deque([1, 2, 3], 1)
print(one, one.maxlen)
r = deque(range(6))
r.rotate(-2)
print(r)
r.rotate(9)
print(r, r.index(3), r.index(3, 2), r[1], r[-2])
e = deque()
e.extendleft('abc')
print(e, list(e), list(reversed(e)), e.count('a'), 'b' in e)
print(deque('xyz') == deque('xyz'), deque([1]) != deque([2]), deque([1, 2]) <= deque([1, 2]), deque() > deque())
t(lambda: r.index(99))
t(lambda: r.rotate('x'))
t(lambda: deque([1, 2, 3])[-4])
t(lambda: deque('ab') * 2)
t(lambda: deque([1]) + deque([2], 2))
