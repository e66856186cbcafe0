# bisect: left/right with lo/hi and key; insort keeps order.
import bisect
a = [1, 2, 2, 2, 3, 5]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 4), bisect.bisect_left(a, 0))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 2), bisect.bisect_left(a, 9, hi=3))
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 5, key=lambda r: r[1]))
l = []
for x in [5, 1, 4, 1, 3]:
    bisect.insort(l, x)
bisect.insort_left(l, 4)
bisect.insort_right(l, 0)
print(l)
grades = 'FDCBA'
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print('ValueError', e)
