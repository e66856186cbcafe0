# list methods.
a = [3, 1, 2]
a.append(4)
a.extend([5, 6])
a.insert(0, 0)
a.insert(100, 99)
a.insert(-1, 98)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(2)
print(a, a.index(5), a.count(1), a.count(7))
try:
    a.remove(42)
except ValueError as e:
    print(type(e).__name__, e)
try:
    a.index(42)
except ValueError as e:
    print(type(e).__name__, e)
try:
    [].pop()
except IndexError as e:
    print(type(e).__name__, e)
a.reverse()
print(a)
b = a.copy()
b.append("x")
print(a, b)
a.clear()
print(a, len(b))
print([1, 2] + [3], [0] * 3, [1, 2] * 0, [[0]] * 2)
c = [1, 2]
c += (3, 4)
c *= 2
print(c)
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0])
print(list(range(4)), list("ab"), list((1, 2)), list({"k": 1}))
