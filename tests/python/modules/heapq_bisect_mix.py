# heapq as a priority queue of tuples; bisect keeps a sorted list; key= arguments.
import bisect
import heapq
q = []
for pri, name in [(3, "c"), (1, "a"), (4, "d"), (1, "aa"), (2, "b")]:
    heapq.heappush(q, (pri, name))
print([heapq.heappop(q) for _ in range(len(q))])
h = [9, 4, 7, 1, 8]
heapq.heapify(h)
print(h[0], heapq.heappushpop(h, 0), heapq.heapreplace(h, 10), sorted(h))
print(heapq.nsmallest(2, [5, 1, 4, 2]), heapq.nlargest(2, "hello"))
s = []
for x in [5, 1, 3, 3, 9]:
    bisect.insort(s, x)
print(s, bisect.bisect_left(s, 3), bisect.bisect_right(s, 3), bisect.bisect(s, 100))
print(bisect.bisect_left(s, 3, 3), bisect.bisect_right(s, 3, 0, 2))
words = ["apple", "fig", "banana"]
print(bisect.bisect_left(sorted(words, key=len), 4, key=len))
try:
    heapq.heappop([])
except IndexError as e:
    print(type(e).__name__)
