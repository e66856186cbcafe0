# Return statements: multiple values, early returns, implicit None.
def divmod_(a, b):
    return a // b, a % b
q, r = divmod_(17, 5)
print(q, r, divmod_(9, 3))
def sign(n):
    if n > 0:
        return 1
    if n < 0:
        return -1
    return 0
print([sign(v) for v in (-5, 0, 5)])
def nothing():
    return
def no_return():
    x = 1
print(nothing(), no_return())
def returns_function():
    return len
print(returns_function()("abc"))
def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            return i
    return -1
print(find("abc", "c"), find("abc", "z"))
def many():
    return [1], {"k": "v"}, (2, 3), "s"
a, b, (c, d), e = many()
print(a, b, c, d, e)
