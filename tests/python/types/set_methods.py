# set mutation methods.
s = set()
s.add(3)
s.add(1)
s.add(3)
print(sorted(s))
s.update([5, 6], {7})
print(sorted(s))
s.discard(5)
s.discard(42)
s.remove(6)
print(sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print(type(e).__name__, e)
p = s.pop()
print(p in {1, 3, 7}, len(s))
s = {1, 2, 3, 4, 5}
s &= {1, 2, 3, 9}
print(sorted(s))
s |= {10}
print(sorted(s))
s -= {1}
print(sorted(s))
s ^= {2, 99}
print(sorted(s))
s.intersection_update([3, 10, 11])
print(sorted(s))
s.difference_update([3])
print(sorted(s))
s.symmetric_difference_update({10, 20})
print(sorted(s))
c = s.copy()
c.add(0)
print(sorted(s), sorted(c))
s.clear()
print(s, len(s))
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
try:
    frozenset([1]).add(2)
except AttributeError as e:
    print(type(e).__name__)
