# chr, ord, hex, oct, bin.
print(chr(65), chr(97), chr(48), chr(0x20ac), chr(0x1F600) == "\U0001F600", repr(chr(0)))
print(ord("A"), ord("a"), ord("€"), ord("\n"), ord(b"A"), ord(bytearray(b"z")))
try:
    ord("ab")
except TypeError as e:
    print(type(e).__name__, e)
try:
    chr(0x110000)
except ValueError as e:
    print(type(e).__name__, e)
print(hex(0), hex(255), hex(-255), hex(2 ** 70), oct(8), oct(-8), oct(0), bin(5), bin(-5), bin(0))
print(bin(2 ** 40), hex(0xDEADBEEF))
class Idx:
    def __index__(self):
        return 10
print(hex(Idx()), bin(Idx()), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10][Idx()])
try:
    hex(1.5)
except TypeError as e:
    print(type(e).__name__, e)
print("".join(chr(ord(c) + 1) for c in "HAL"))
