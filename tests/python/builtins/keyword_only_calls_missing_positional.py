# round/sum/sorted/enumerate called with keywords but without their positional argument:
# CPython's messages for each.

tests = [
    lambda: round(ndigits=2),
    lambda: sum(start=1),
    lambda: sorted(key=None),
    lambda: sorted(reverse=True),
    lambda: enumerate(start=1),
    lambda: enumerate(x=1, start=2),
    lambda: round(1.25, ndigits=1),
    lambda: sum([1, 2], start=10),
    lambda: sorted([3, 1, 2], reverse=True),
    lambda: list(enumerate("ab", start=5)),
    lambda: __import__("sys", globals=None).platform == __import__("sys").platform,
]
for t in tests:
    try:
        print(t())
    except TypeError as e:
        print(type(e).__name__, e)
