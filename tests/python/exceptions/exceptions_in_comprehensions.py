# Exceptions raised inside comprehensions, generator expressions, lambdas and map.
def inv(x):
    return 1 / x
for label, make in [
    ("list comp", lambda: [inv(x) for x in [1, 0]]),
    ("dict comp", lambda: {x: inv(x) for x in [2, 0]}),
    ("set comp", lambda: {inv(x) for x in [0]}),
    ("genexp", lambda: sum(inv(x) for x in [4, 0])),
    ("map", lambda: list(map(inv, [0]))),
    ("sorted key", lambda: sorted([1, 0], key=inv)),
    ("nested", lambda: [[inv(y) for y in range(x)] for x in range(3)]),
]:
    try:
        make()
        print(label, "no error")
    except ZeroDivisionError as e:
        print(label, type(e).__name__, e)
partial = []
try:
    for v in (inv(x) for x in [1, 2, 0, 4]):
        partial.append(v)
except ZeroDivisionError:
    print("partial results", partial)
