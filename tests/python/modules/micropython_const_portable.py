# micropython.const where available, a plain function elsewhere: same results.
try:
    from micropython import const
except ImportError:
    const = lambda x: x
SIZE = const(16)
MASK = const(0xFF)
_HIDDEN = const(3)
print(SIZE, MASK, _HIDDEN, SIZE * 2, MASK & 0x0F)
def use():
    return SIZE + _HIDDEN
print(use())
