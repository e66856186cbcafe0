# isinstance with tuples of types, nested tuples and abstract-ish checks.
vals = [1, 1.5, "s", b"b", [1], (1,), {1: 1}, {1}, None, True]
for v in vals:
    print(repr(v), isinstance(v, (int, float)), isinstance(v, (str, bytes)), isinstance(v, (list, (tuple, dict))))
print(isinstance(None, type(None)), isinstance(3, (bool,)), isinstance(True, (bool,)))
