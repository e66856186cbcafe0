# bytes/bytearray split, strip, partition and search corners (ASCII-only whitespace and case).
b = b"  a\tb\n\nc  "
print(b.split(), b.split(None, 1), b.rsplit(None, 1), b.split(b"\n"), b.strip(), b.lstrip(), b.rstrip())
print(b"a,b,,c".split(b","), b"a,b,,c".split(b",", 2), b"a,b,,c".rsplit(b",", 1), b"".split(), b"".split(b","))
print(b"\xa0x\xa0".strip(), b"\x85y".split(), b"xxhixx".strip(b"x"), bytearray(b"--a--").strip(b"-"))
print(b"k=v=w".partition(b"="), b"k=v=w".rpartition(b"="), b"none".partition(b"="))
print(b"hello".find(b"l"), b"hello".rfind(b"l"), b"hello".count(b"l"), b"hello".index(108), b"hello".find(b"z"))
print(b"Hello World".swapcase(), b"hello world".title(), b"hELLO".capitalize(), b"\xe9A".lower())
print(b"abc".startswith((b"x", b"a")), b"abc".endswith(b"bc", 1), b"a1".isalnum(), b"".isdigit(), b" \t".isspace())
print(b"x".join([b"a", bytearray(b"b")]), bytearray(b",").join([b"1", b"2"]), b"ab".center(6, b"-"), b"7".rjust(3, b"0"))
print(b"line1\nline2\r\nline3".splitlines(), b"a\nb".splitlines(keepends=True), b"tab\there".expandtabs(4))
print(b"prefix-body".removeprefix(b"prefix-"), b"body.txt".removesuffix(b".txt"), b"abc".replace(b"", b"-"))
for bad in [lambda: b"abc".find("a"), lambda: b"a".join(["s"]), lambda: b"abc".split(b"")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
