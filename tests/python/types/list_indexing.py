# list indexing, negative indices and errors.
a = list(range(10))
print(a[0], a[-1], a[5], a[-10])
a[0] = "zero"
a[-1] = "nine"
print(a)
try:
    a[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    a[-11] = 0
except IndexError as e:
    print(type(e).__name__, e)
try:
    a["x"]
except TypeError as e:
    print(type(e).__name__, e)
del a[1]
del a[-1]
print(a, len(a))
m = [[0] * 3 for _ in range(3)]
m[1][2] = 5
print(m)
alias = [[0] * 2] * 2
alias[0][0] = 1
print(alias)
print(a[True], [1, 2][False])
