# partition, rpartition, and a few more str methods.
print("key=value=x".partition("="), "key=value=x".rpartition("="))
print("novalue".partition("="), "novalue".rpartition("="))
print("a-b-c".split("-", 0), "abc".translate({ord("a"): "A", ord("b"): None}))
print(str.maketrans("abc", "xyz"), "aabbcc".translate(str.maketrans("abc", "xyz")))
print("Hello".encode(), "héllo".encode("utf-8"), "abc".encode("ascii"))
try:
    "héllo".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__)
print("%d items" % 3, "abc" * 3, 3 * "ab", "a" + "b")
print("abc" < "abd", "abc" < "ab", "B" < "a", "" < "a")
print(max("hello"), min("hello"), sorted("hello"))
print(str(12), str(1.5), str([1, "a"]), str(b"x"), str())
