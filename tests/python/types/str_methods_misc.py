# More str methods: count with ranges, splitlines keepends, join of generators, ordering.
s = "Mississippi"
print(s.lower().count("ss"), s.count("i", 2), s.count("i", 2, 6), s.index("ss", 3))
print(s.replace("ss", "SS", 1), s.upper().lower() == s.lower(), s.swapcase())
print(s.startswith("Miss"), s.startswith("ss", 2), s.endswith("pi"), s.endswith("ss", 0, 4))
print(sorted(set(s)), "".join(sorted(s)), s[::-1])
print("{:*^15}".format(s), s.center(15, "."), s.ljust(13, "_"), s.rjust(13, "_"))
print("a,b;c d".replace(",", " ").replace(";", " ").split())
print("tab\tsep".split("\t"), "x".join("123"), "".join(reversed("abc")))
print("Hello World".istitle(), "hello world".title().split(), "12abc".capitalize())
