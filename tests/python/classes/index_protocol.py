# __index__ lets user objects act as ints for indexing, slicing, range, bin/hex and repetition.
class I:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        return self.n
data = list(range(10))
print(data[I(3)], data[I(-1)], data[I(2):I(5)], data[::I(3)], "abcdef"[I(1)])
print(list(range(I(4))), list(range(I(1), I(10), I(3))), bin(I(5)), hex(I(255)), oct(I(8)))
print("ab" * I(3), [0] * I(2), (1,) * I(2), bytes(I(3)))
data[I(0)] = "first"
del data[I(1)]
print(data[:3])
class NotIndex:
    pass
try:
    data[NotIndex()]
except TypeError as e:
    print(type(e).__name__, e)
print(int(I(7)) if hasattr(I, "__int__") else I(7).__index__())
