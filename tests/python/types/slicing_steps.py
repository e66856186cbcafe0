# Slicing with steps on str, list, tuple, bytes, bytearray, range.
seqs = ["abcdefgh", list(range(8)), tuple(range(8)), b"abcdefgh", bytearray(b"01234567")]
for s in seqs:
    print(s[::-1], s[::2], s[1::3], s[-2::-2], s[6:1:-2], s[::-3], s[10:0:-1], s[:-10:-1])
print("hello"[::-1], "racecar"[::-1] == "racecar")
print(list(range(10))[8:2:-2], "abc"[5:], "abc"[-5:-4], "abc"[1:1])
print([1, 2, 3][::-1][::-1], "abcdef"[::2][::-1])
