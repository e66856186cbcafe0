# find, rfind, index, rindex, count, in.
s = "hello world, hello python"
print(s.find("hello"), s.find("hello", 1), s.rfind("hello"), s.find("xyz"))
print(s.find("o", 5, 10), s.rfind("o", 0, 10), s.find(""), s.rfind(""))
print(s.index("world"), s.rindex("o"))
try:
    s.index("xyz")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.rindex("xyz")
except ValueError as e:
    print(type(e).__name__, e)
print(s.count("l"), s.count("hello"), s.count(""), "aaaa".count("aa"), s.count("l", 0, 5))
print("world" in s, "World" in s, "" in s)
print(s.startswith("hello"), s.startswith("world", 6), s.startswith(("x", "he")))
print(s.endswith("python"), s.endswith("hello", 0, 5), s.endswith(("on", "zz")))
print("abc".find("c", -1), "abc".find("a", -10))
