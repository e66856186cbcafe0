# __iter__ and __next__, separate iterator objects, and iter() of a class.
class Range3:
    def __iter__(self):
        return Range3Iter()
class Range3Iter:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= 3:
            raise StopIteration
        self.i += 1
        return self.i
r = Range3()
print(list(r), list(r), sum(r), [x * y for x in r for y in r])
it = iter(r)
print(next(it), next(it), next(it), next(it, "end"))
class GenIter:
    def __init__(self, data):
        self.data = data
    def __iter__(self):
        for d in self.data:
            yield d * 2
print(list(GenIter([1, 2, 3])), max(GenIter([5, 1])))
class NotIterable:
    pass
try:
    iter(NotIterable())
except TypeError as e:
    print(type(e).__name__, e)
a, b = GenIter([1, 2])
print(a, b, dict(zip(Range3(), GenIter("ab"))))
