# Escape sequences in string literals, shown through repr and len.
print(repr("tab\there"))
print(repr("new\nline"))
print(repr("back\\slash"))
print(repr("\r\x0b\x0c\a\b\0"))
print(len("\x41\x42"), "\x41\x42")
print("\101\102\103", len("\101"))
print("\u00e9" == "é", len("\u00e9"))
print(ord("\u20ac"), ord("\U0001F600"))
print("\x61\u0062\U00000063")
print(repr("\x00\x01\x7f"))
print(repr("line\
continued"))
print("a\
b")
print(repr("x\\y"))
print(repr('\''), repr("\""))
print(len("\\n"), len("\n"))
