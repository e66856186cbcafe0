# f-string conversions !r !s !a and the = specifier.
s = "héllo"
print(f"{s!r}")
print(f"{s!s}")
print(f"{s!a}")
print(f"{'a'!r:>8}|")
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "a P"
p = P()
print(f"{p} {p!r} {p!s}")
x = 42
print(f"{x=}")
print(f"{x = }")
print(f"{x*2=}")
print(f"{s=!s}")
print(f"{x=:5d}|")
print(f"{[1, 'a']!r}")
