# repr and str of nested containers.
data = [1, "two", 3.0, None, True, [4, [5, "six"]], (7,), (), {"a": [1, 2]}, {"b": (3, 4)}]
print(data)
print(repr(data))
print(str(data) == repr(data))
print(("x", ["y", ("z",)]))
print({"k": {"n": {"m": []}}})
print([[], [[]], [[[]]]])
print(["it's", 'say "hi"', "both ' \""])
print({1: "a\nb", "t\tab": b"\x00"})
print([frozenset()], [set()], repr(sorted({3, 1, 2})))
print(str("x"), repr("x"), [str("x")])
a = [1]
a.append(a)
print(a)
d = {}
d["self"] = d
print(d)
print([1.0, -0.0, float("inf")], (1e100,))
