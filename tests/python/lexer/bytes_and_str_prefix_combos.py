# Every legal string prefix combination (upper and lower case).
print(r"\x" == R"\x", b"a" == B"a", rb"\x" == Rb"\x" == bR"\x" == BR"\x" == br"\x")
print(u"unicode prefix", U"also")
v = 1
print(fr"{v}\n", Rf"{v}\t", rF"{v}", FR"{v}")
print(type(rb"").__name__, type(f"").__name__, type(u"").__name__)
