# dict methods: update, pop, popitem, setdefault, get, items, fromkeys, copy, clear, |.
d = {"a": 1}
d.update({"b": 2}, c=3)
d.update([("d", 4)])
print(d)
print(d.pop("a"), d.pop("zz", "none"), d)
try:
    d.pop("zz")
except KeyError as e:
    print(type(e).__name__, e)
print(d.popitem(), d)
print(d.setdefault("b", 99), d.setdefault("n", []), d)
d["n"].append(1)
print(d)
print(list(d.items()), list(d.keys()), list(d.values()))
print(dict.fromkeys("abc"), dict.fromkeys(["x", "y"], 0))
c = d.copy()
c["new"] = 1
print(d, c)
c.clear()
print(c, len(c))
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
print({"a": 1} | {"b": 2, "a": 3})
e = {"x": 1}
e |= {"y": 2}
print(e)
print(sorted({"q": 1, "p": 2}), {"k": 1}.get("k"))
