# f-strings formatting values of many types.
vals = [0, -1, 3.5, 1e-7, "s", None, True, [1], (2,), {"k": 3}, b"b", 2 ** 70]
for v in vals:
    print(f"{v}|{v!r}|{v!s:>12}|")
n = 1234.5
print(f"{n:10.2f}|{n:<10}|{n:e}|{n:g}|{n:,.1f}|")
print(f"{-42:>6}|{-42:<6}|{-42:=6}|{42:=+6}|")
print(f"{'é':^5}|{'日本':>4}|")
print(f"{True:d} {False:>5} {None!r:>6}")
