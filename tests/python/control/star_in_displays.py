# Starred expressions inside list, tuple, set and dict displays and for targets.
a = [1, 2]
b = (3, 4)
s = {5}
d1 = {"x": 1}
d2 = {"y": 2, "x": 0}
print([*a, *b, *s], (*a, *b), sorted({*a, *b, *s}), {**d1, **d2}, {**d2, **d1})
print([*"ab", *range(2), *{"k": 0}], [*[], *()])
head, *tail = *a, *b
print(head, tail)
for first, *others in [(1, 2, 3), "xy"]:
    print(first, others)
print(*[1, 2], *[3], sep=",")
def f(*args, **kwargs):
    return args, kwargs
print(f(*a, 0, *b, **d1, z=3, **{"w": 4}))
