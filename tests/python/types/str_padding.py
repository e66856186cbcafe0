# center, ljust, rjust, zfill, expandtabs.
print(repr("abc".center(9)), repr("abc".center(8)), repr("abc".center(9, "*")), repr("abc".center(2)))
print(repr("ab".center(5)), repr("ab".center(6, "-")))
print(repr("abc".ljust(6)), repr("abc".ljust(6, ".")), repr("abc".rjust(6)), repr("abc".rjust(6, "0")))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(5), "12345".zfill(3), "".zfill(2))
print(repr("a\tb\tc".expandtabs()), repr("a\tbc\td".expandtabs(4)))
try:
    "x".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
