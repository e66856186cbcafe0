# heapq: push/pop order, heapify layout, replace/pushpop, nsmallest/nlargest, errors.
import heapq


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


h = []
for x in [5, 1, 8, 3, 9, 2, 7, 1]:
    heapq.heappush(h, x)
    print(h)
print([heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 10), data)
print(heapq.heappushpop(data, -1), heapq.heappushpop(data, 4), data)
print(heapq.nsmallest(3, [5, 2, 8, 1, 9]), heapq.nlargest(2, [5, 2, 8, 1, 9]))
print(heapq.nsmallest(2, ['bb', 'a', 'ccc'], key=len), heapq.nlargest(10, [3, 1]))
tasks = []
for prio, name in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'z')]:
    heapq.heappush(tasks, (prio, name))
print([heapq.heappop(tasks) for _ in range(4)])


class Item:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v > other.v

    def __repr__(self):
        return 'Item(%d)' % self.v


m = [Item(v) for v in [1, 5, 3]]
heapq.heapify(m)
print(m, heapq.heappop(m))
t(lambda: heapq.heappop([]))
t(lambda: heapq.heapreplace([], 1))
t(lambda: heapq.heappush((), 1))
t(lambda: heapq.heappush([1, 'a'], 2))
print(heapq.heappushpop([], 5))
