# dict: keys of many hashable types, nested dicts, deletion while rebuilding, equality.
d = {}
d[1] = "int"
d["1"] = "str"
d[(1,)] = "tuple"
d[frozenset([1])] = "frozenset"
d[None] = "none"
d[2.5] = "float"
print(d)
print(d[1], d["1"], d[(1,)], d[frozenset({1})], d[None], d[2.5])
nested = {"a": {"b": {"c": 1}}}
nested["a"]["b"]["d"] = 2
print(nested, nested["a"]["b"].get("c"))
d2 = {k: v for k, v in d.items() if isinstance(k, (int, str))}
print(d2)
order = {}
for k in "hello world":
    order[k] = order.get(k, 0) + 1
print(order, list(order)[:4])
del order["l"]
order["l"] = 0
print(list(order))
print({1: 2} == {1.0: 2}, {"a": [1]} == {"a": [1]}, len({i: i for i in range(1000)}))
