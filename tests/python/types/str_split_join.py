# str.split, rsplit, splitlines and join.
s = "  a b  c   "
print(s.split(), s.split(" "), s.split(None, 1))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1))
print("a::b::c".split("::"), "abc".split("x"), "".split(), "".split(","))
print("1 2 3 4".rsplit(None, 2), "  x  y ".rsplit())
print("a\nb\r\nc\rd".splitlines(), "a\nb\n".splitlines(), "a\nb\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "/".join(("p", "q")))
try:
    "".join([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a".split("")
except ValueError as e:
    print(type(e).__name__, e)
print(" ".join(str(i) for i in range(5)))
