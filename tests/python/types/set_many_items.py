# Sets with thousands of items: add, remove, operations, membership.
s = set()
for i in range(5000):
    s.add(i * 3 % 5003)
print(len(s), 0 in s, 5002 in s, 5003 in s)
for i in range(0, 5003, 2):
    s.discard(i)
print(len(s), min(s), max(s), sum(s))
t = set(range(0, 5003, 3))
print(len(s & t), len(s | t), len(s - t), len(s ^ t))
words = {"w%d" % (i % 700) for i in range(3000)}
print(len(words), "w699" in words, "w700" in words, sorted(words)[:3])
big = {2 ** 64 + i for i in range(100)}
print(len(big), 2 ** 64 + 50 in big, 2 ** 64 + 100 in big)
fl = {i / 4 for i in range(100)}
print(len(fl), 2.25 in fl, 2 in fl, 100 in fl)
