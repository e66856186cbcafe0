# Indexing, iteration and immutability of str.
s = "python"
print(s[0], s[-1], s[2:4], s[:3], s[3:], s[-3:], s[:])
print(s[100:], s[-100:2], repr(s[3:1]))
for c in s:
    print(c, end=" ")
print()
print(list(enumerate(s))[:3])
try:
    s[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s[0] = "P"
except TypeError as e:
    print(type(e).__name__, e)
print(len(s), s.__len__(), "y" in s)
print(s * 0, repr(s * -1))
it = iter("ab")
print(next(it), next(it), next(it, "done"))
