# printf-style % formatting.
print("%d %i %s %r" % (5, 6, "s", "r"))
print("%5d|%-5d|%05d|%+d" % (42, 42, 42, 42))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%f %.2f %10.3f %-10.1f|" % (3.14159, 3.14159, 3.14159, 3.14159))
print("%e %.3E %g %g" % (12345.678, 12345.678, 0.0001, 1e20))
print("%c%c" % (65, "b"), "%%", "100%%" % ())
print("%s" % [1, 2], "%s" % (("tuple",),), "%r" % "x")
print("%(a)s-%(b)d" % {"a": "A", "b": 2})
print("%*d|%-*d|" % (5, 1, 4, 2), "%.*f" % (2, 1.23456))
print("%s" % None, "%d" % True, "%d" % 3.99, "%s %s" % (1.5, -0.0))
try:
    "%d %d" % (1,)
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%d" % "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(b"%s=%d" % (b"k", 5))
