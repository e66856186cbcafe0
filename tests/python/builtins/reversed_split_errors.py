# reversed() accepts only sequences and reversible objects; str.split's separator must be a str.
def show(f):
    try:
        print(repr(f()))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class Seq:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return i * 10


class OnlyLen:
    def __len__(self):
        return 3


class OnlyItem:
    def __getitem__(self, i):
        return i


class Rev:
    def __reversed__(self):
        return iter("cba")


class MyList(list):
    pass


class MyDict(dict):
    pass


class MyInt(int):
    pass


show(lambda: reversed(3))
show(lambda: reversed(1.5))
show(lambda: reversed(None))
show(lambda: reversed({1, 2}))
show(lambda: reversed(frozenset()))
show(lambda: reversed(iter([1, 2])))
show(lambda: reversed(x for x in "ab"))
show(lambda: reversed(OnlyLen()))
show(lambda: reversed(OnlyItem()))
show(lambda: list(reversed(Seq())))
show(lambda: list(reversed(Rev())))
show(lambda: list(reversed(MyList([1, 2, 3]))))
show(lambda: list(reversed(MyDict(a=1, b=2))))
show(lambda: reversed(MyInt(5)))
show(lambda: list(reversed("abc")))
show(lambda: list(reversed((1, 2))))
show(lambda: list(reversed(b"xy")))
show(lambda: list(reversed(bytearray(b"pq"))))
show(lambda: list(reversed(memoryview(b"mn"))))
show(lambda: list(reversed(range(4))))
show(lambda: list(reversed({"a": 1, "b": 2})))
show(lambda: list(reversed({"a": 1, "b": 2}.items())))
show(lambda: "x".split(1))
show(lambda: "x y".rsplit(2.5))
show(lambda: "a,b".split(b","))
show(lambda: "a,b".split(None))
show(lambda: "a,b".split(sep=","))
show(lambda: "a,b".split(sep=1))
show(lambda: "a,b".rsplit(",", 0))
show(lambda: "a,b".split(""))
