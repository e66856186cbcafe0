# Non-ASCII string literals: length, indexing and slicing count characters.
s = "naïve café"
print(s, len(s))
print(s[2], s[-1], s[5:])
print(s.upper())
e = "€uro"
print(len(e), e[0], ord(e[0]), e.encode("utf-8"))
print(len("日本語"), "日本語"[1])
print("日本語".encode("utf-8"), len("日本語".encode("utf-8")))
print(b"\xe6\x97\xa5".decode("utf-8"))
print(chr(0x1F600) == "\U0001F600", len("\U0001F600"))
print(repr("é"), ascii("é"))
print("ß" < "z", "é" > "e")
print(list("aé"))
