# dict comprehensions and building dicts from loops.
squares = {i: i * i for i in range(6)}
print(squares)
print({k: v for k, v in squares.items() if v % 2 == 0})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
words = "the quick brown fox jumps over the lazy dog the end".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
print({w: len(w) for w in words})
print({(i, j): i * j for i in range(3) for j in range(3) if i <= j})
print({c: ord(c) for c in "hey"})
print({str(i): [i] * i for i in range(4)})
