# collections.deque: both ends, maxlen, rotate, indexing, comparisons and errors.
from collections import deque


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = deque()
d.append(1)
d.appendleft(0)
d.extend([2, 3])
d.extendleft([-1, -2])
print(d, len(d), d[0], d[-1], 3 in d, d.count(2), d.index(2))
print(d.pop(), d.popleft(), d)
d.rotate(2)
print(d)
d.rotate(-1)
print(d, list(reversed(d)), bool(d), bool(deque()))
b = deque(range(5), maxlen=3)
print(b, b.maxlen, deque().maxlen)
b.append(9)
print(b)
b.appendleft(7)
print(b)
b.extend([1, 2])
print(b)
d[0] = 'x'
del d[1]
print(d, d.copy(), d == deque(d), d == list(d), deque([1]) < deque([2]))
d.insert(1, 'y')
d.remove('y')
d.reverse()
print(d, deque([1, 2]) + deque([3]), deque([1, 2]) * 2)
e = deque([1])
e += [2, 3]
e.extend(e)
print(e)
e.clear()
print(e, len(e))
t(lambda: b.remove(42))
t(lambda: b.index(42))
t(lambda: deque().pop())
t(lambda: deque().popleft())
t(lambda: b[5])
t(lambda: b.insert(0, 1))
t(lambda: deque([1]) + [2])
t(lambda: deque(maxlen=-1))
t(lambda: deque(maxlen=1.5))
t(lambda: b[1:2])
t(lambda: {deque(): 1})
q = deque()
for i in range(100):
    q.append(i)
    if len(q) > 10:
        q.popleft()
print(q, sum(q))
