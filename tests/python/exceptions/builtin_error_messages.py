# Messages of common builtin errors.
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 5 % 0)
show(lambda: int("x"))
show(lambda: [][1])
show(lambda: (1, 2)[5])
show(lambda: "abc"[9])
show(lambda: {}["k"])
show(lambda: {}[1])
show(lambda: None.attr)
show(lambda: (1).foo)
show(lambda: "s".nope)
show(lambda: undefined_name)
def unbound():
    y = x_local
    x_local = 1
show(unbound)
show(lambda: len(1, 2))
def two(a, b):
    return a
show(lambda: two(1))
show(lambda: two(1, 2, 3))
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [1] * "x")
show(lambda: None + None)
show(lambda: -"s")
show(lambda: 1 < "a")
show(lambda: len(5))
five = 5
show(lambda: five())
nothing = None
show(lambda: nothing[0])
show(lambda: float("abc"))
show(lambda: [1, 2].index(3))
show(lambda: next(iter([])))
show(lambda: {}.pop("z"))
show(lambda: set().pop())
show(lambda: int([]))
show(lambda: hash([]))
show(lambda: chr(-1))
