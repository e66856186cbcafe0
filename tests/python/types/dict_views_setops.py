# dict views behave like sets: &, |, -, ^, comparisons, isdisjoint, live updates.
d = {"a": 1, "b": 2, "c": 3}
e = {"b": 20, "c": 30, "d": 40}
print(sorted(d.keys() & e.keys()), sorted(d.keys() | e.keys()))
print(sorted(d.keys() - e.keys()), sorted(d.keys() ^ e.keys()))
print(sorted(d.keys() & {"a", "z"}), sorted({"c", "q"} & d.keys()))
print(d.keys() == {"a", "b", "c"}, d.keys() <= {"a", "b", "c", "d"}, d.keys() < {"a"})
print(sorted(d.items() & {("a", 1), ("b", 3)}), ("c", 3) in d.items(), ("c", 4) in d.items())
print(d.keys().isdisjoint({"x"}), d.keys().isdisjoint(["a"]))
k = d.keys()
v = d.values()
d["z"] = 26
print(len(k), sorted(k), sorted(v), 26 in v)
del d["a"]
print(list(k), list(v), list(d.items()))
print(type(k).__name__, type(v).__name__, type(d.items()).__name__)
print(sorted(d.keys() | ["x"]), list(reversed(d.keys())), list(reversed(d.values())))
