# The texts of the errors that indexing bytes and bytearray raise.
cases = [
    lambda: b"x"[5],
    lambda: b"x"[-2],
    lambda: bytearray(b"x")[5],
    lambda: bytearray(b"x")[-2],
    lambda: b"x"["a"],
    lambda: bytearray(b"x")["a"],
    lambda: b"xy"[1 << 70],
    lambda: [1][3],
    lambda: "ab"[2],
]
for f in cases:
    try:
        print(f())
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
print(b"xy"[-1], bytearray(b"xy")[0])
for f in (lambda: [1][-(1 << 70)], lambda: "ab"[1 << 64], lambda: bytearray(b"x")[1 << 63]):
    try:
        f()
    except IndexError as e:
        print(e)
for f in (lambda: "abc"[1.5], lambda: "abc"[None], lambda: "abc"["x"], lambda: [1][1.5]):
    try:
        f()
    except TypeError as e:
        print(e)
