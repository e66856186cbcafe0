def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# heapq: heapify order, pushpop/replace, nsmallest/nlargest with keys, merge-like use.
import heapq
h = [9, 4, 7, 1, 8, 2]
heapq.heapify(h)
print(h, heapq.heappushpop(h, 0), heapq.heapreplace(h, 10), h)
print([heapq.heappop(h) for _ in range(len(h))])
data = [('b', 3), ('a', 5), ('c', 1), ('d', 4)]
print(heapq.nsmallest(2, data, key=lambda kv: kv[1]), heapq.nlargest(3, [5, 1, 8, 3, 9]))
print(heapq.nsmallest(10, [3, 1]), heapq.nlargest(0, [1]), heapq.nlargest(2, 'hello'))
t(lambda: heapq.heappop([]))
t(lambda: heapq.heapreplace([], 1))
t(lambda: heapq.heappush((), 1))
