# repr of builtin values, and eval(repr(x)) round trips.
vals = [0, -5, 2 ** 80, 1.5, -0.0, 1e-7, "s", "it's", 'q"uote', "\n\t\\", b"\x00a", [], (), (1,),
        {}, {"a": [1, (2,)]}, None, True, range(3), range(1, 9, 2), slice(1, None)]
for v in vals:
    r = repr(v)
    print(r, eval(r) == v)
print(repr(set()), repr(frozenset()), repr(sorted({1, 2})), repr(bytearray(b"a")))
print(repr(int), repr(str), repr(ValueError), repr(ValueError("x")))
print(ascii("ü"), ascii(["é"]))
