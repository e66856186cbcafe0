# f-strings with nested expressions and nested f-strings.
items = ["a", "bb", "ccc"]
print(f"{', '.join(f'<{s}>' for s in items)}")
print(f"{len([x for x in range(10) if x % 2])}")
print(f"{ {'k': 1}['k'] }")
print(f"{(lambda x: x * 2)(21)}")
print(f"{f'{1 + 1}'}")
print(f"{'yes' if items else 'no'}")
d = {"n": 5}
print(f"{d['n'] ** 2:>6}|")
print(f"{sum(len(s) for s in items)}")
def g(*a, **k):
    return f"{a}{k}"
print(f"{g(1, 2, z=3)}")
print(f"{items[1:]!r}")
print(f"{str(3)*3}")
