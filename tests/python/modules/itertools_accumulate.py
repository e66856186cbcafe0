# itertools.accumulate: running sums, a binary function, initial.
from itertools import accumulate
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([])), list(accumulate([7])))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3, 4], lambda a, b: a * b)))
print(list(accumulate('abc')), list(accumulate([1, 2], initial=100)), list(accumulate([], initial=0)))
print(list(accumulate(range(1, 6), lambda a, b: a * 10 + b)))
print(list(accumulate([[1], [2], [3]])), list(accumulate((0.5, 0.25, 0.125))))
try:
    list(accumulate([1, 'a']))
except TypeError as e:
    print('TypeError')
