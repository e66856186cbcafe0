# Slice bounds and steps of any size are clamped, as CPython does; range slices keep exact
# big bounds.
big = 2**100
print([1, 2, 3][big:], [1, 2, 3][-big:big], [1, 2, 3][::big], [1, 2, 3][::-big])
print([1, 2, 3][big:-big:-1], (1, 2)[2**64:], "abc"[::2**99], b"abc"[-2**99::2])
print(range(10)[::big], range(10)[::3], range(10)[-big:big:-1])
print(range(big)[-1], range(big)[5:-3:7], len(range(0, 2**70, 2**68)))
print(range(0, 10, 3)[1:], range(10, 0, -2)[::-1], list(range(10)[2:8:3]))
class I(int):
    pass
print([10, 20, 30][I(1)], "abc"[I(2)], (1, 2, 3)[I(-1)], [1, 2, 3, 4][I(1):I(3)])
try:
    [1][I(5)]
except IndexError as e:
    print("IndexError", e)
