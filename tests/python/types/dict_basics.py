# dict: insertion order, access, update, deletion.
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 10
print(d, len(d), list(d))
del d["a"]
d["a"] = 0
print(d)
print(d["c"], d.get("zz"), d.get("zz", "dflt"), "c" in d, "zz" not in d)
try:
    d["missing"]
except KeyError as e:
    print(type(e).__name__, e)
d2 = {1: "int", 1.5: "float", (1, 2): "tuple", None: "none", True: "bool?"}
print(d2)
print({1: "a", 1.0: "b"}, {0: "x", False: "y"})
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, extra=1))
print(dict(zip("abc", range(3))))
try:
    {[1]: 2}
except TypeError as e:
    print(type(e).__name__, e)
print({} == {}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 2})
for k in {"z": 1, "y": 2, "x": 3}:
    print(k, end=" ")
print()
