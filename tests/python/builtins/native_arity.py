# Builtin functions and methods check how many positional arguments they get, and keywords,
# as CPython does: a TypeError before anything runs, never an argument silently ignored.
import time

calls = [
    lambda: "abc".upper(5),
    lambda: "abc".lower(1, 2),
    lambda: "a b".split(" ", 1, 2),
    lambda: "abc".join(),
    lambda: "abc".replace("a"),
    lambda: "abc".strip("a", "b"),
    lambda: "abc".center(),
    lambda: "abc".zfill(),
    lambda: "abc".partition(),
    lambda: "abc".isdigit(1),
    lambda: "abc".casefold(1),
    lambda: "abc".title(1),
    lambda: "abc".swapcase(0),
    lambda: "abc".removeprefix(),
    lambda: b"abc".upper(5),
    lambda: b"abc".replace(b"a"),
    lambda: bytearray(b"x").append(1, 2),
    lambda: bytearray(b"x").insert(1),
    lambda: [].append(1, 2),
    lambda: [].append(),
    lambda: [].insert(1),
    lambda: [].pop(1, 2),
    lambda: [].copy(1),
    lambda: [].reverse(1),
    lambda: [].clear(1),
    lambda: [].remove(),
    lambda: [1].count(),
    lambda: {}.keys(1),
    lambda: {}.values(1),
    lambda: {}.items(1),
    lambda: {}.get(),
    lambda: {}.get(1, 2, 3),
    lambda: {}.pop(),
    lambda: {}.pop(1, 2, 3),
    lambda: {}.setdefault(),
    lambda: {}.popitem(1),
    lambda: set().add(),
    lambda: set().add(1, 2),
    lambda: set().discard(),
    lambda: set().symmetric_difference(),
    lambda: frozenset().copy(1),
    lambda: (1).bit_length(1),
    lambda: (1.5).is_integer(3),
    lambda: (1.5).hex(3),
    lambda: (5).as_integer_ratio(1),
    lambda: time.sleep(1, 2),
    lambda: time.sleep(),
    lambda: time.time(1),
    lambda: len(),
    lambda: len(1, 2),
    lambda: divmod(1),
    lambda: getattr(1),
    lambda: isinstance(1),
    lambda: iter(),
    lambda: next(),
    lambda: abs(),
    lambda: chr(1, 2),
    lambda: hash(),
    lambda: repr(),
    lambda: globals(1),
    lambda: vars(1, 2),
    lambda: dir(1, 2),
    lambda: format(1, 2, 3),
    lambda: callable(),
    lambda: filter(1),
    lambda: id(),
    lambda: min(),
    lambda: ord(),
    lambda: hex(),
    lambda: len(obj=1),
    lambda: [].append(x=1),
    lambda: "abc".upper(x=1),
]
for c in calls:
    try:
        c()
        print("no error")
    except TypeError as e:
        print("TypeError", e)

# In range, keywords that name required parameters, and the unbound forms.
print("a,b,c".split(",", 1), "a b".split(maxsplit=0), sorted([3, 1], reverse=True))
print(str.upper("ab"), list.pop([1, 2], 0), dict.get({1: 2}, 1))
print((1).to_bytes(2, "big"), int.to_bytes(258, length=2, byteorder="little"))
try:
    str.upper("ab", 1)
except TypeError as e:
    print("TypeError", e)
