# replace and case conversions.
s = "Hello World hello"
print(s.replace("hello", "bye"), s.replace("l", "L", 2), s.replace("", "-"))
print(s.replace("xyz", "q"), "aaa".replace("a", "bb"), "aaa".replace("aa", "b"))
print(s.upper(), s.lower(), s.swapcase(), s.title(), s.capitalize())
print("hELLO wORLD".capitalize(), "they're bill's".title(), "a1b2 c3".title())
print("café".upper(), "ÉCOLE".lower())
print("ABC".isupper(), "abc".islower(), "Abc".istitle(), "aBc".isupper(), "123".isupper())
print("MiXeD".casefold() if hasattr("", "casefold") else "mixed")
