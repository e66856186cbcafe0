# dict with thousands of keys: growth, deletion, re-insertion, order preserved.
d = {}
for i in range(3000):
    d["key%d" % i] = i
print(len(d), d["key0"], d["key2999"], list(d)[:3], list(d)[-2:])
for i in range(0, 3000, 2):
    del d["key%d" % i]
print(len(d), list(d)[:3], sum(d.values()))
for i in range(0, 10, 2):
    d["key%d" % i] = -i
print(len(d), list(d)[-5:], d.get("key4"), d.get("key5"))
n = {}
for i in range(2000):
    n[i * 7919 % 2003] = i
print(len(n), n[0], n[7919 % 2003], sorted(n)[:5], list(n)[:5])
while len(n) > 3:
    n.popitem()
print(n)
ints = {i: i for i in range(-500, 500)}
print(all(ints[k] == k for k in range(-500, 500)), -501 in ints, 499 in ints)
mixed = {1: "a", 2.0: "b", "3": "c", (4,): "d", None: "e", 2 ** 70: "f", -1: "g"}
print([mixed[k] for k in [1, 2, "3", (4,), None, 2 ** 70, -1]], mixed.get(1.0), 2 in mixed)
