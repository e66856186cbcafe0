# strip, lstrip, rstrip with and without characters; removeprefix/removesuffix.
s = "\t  hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "xxhixx".lstrip("x"), "xxhixx".rstrip("x"))
print("abcHELLOcba".strip("abc"), "www.example.com".strip("cmowz."))
print(repr("".strip()), repr("   ".strip()))
print("prefix_body".removeprefix("prefix_"), "body.py".removesuffix(".py"))
print("nochange".removeprefix("x"), "nochange".removesuffix("x"))
print(repr("\x0b\x0cx\x1c".strip()))
