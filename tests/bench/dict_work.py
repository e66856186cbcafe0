# dict work: inserts, lookups, updates, deletes with int and str keys.
def run(n):
    d = {}
    for i in range(n):
        d[i * 7 % n] = i
    hits = 0
    for i in range(0, 2 * n, 3):
        if i in d:
            hits += d[i]
    words = {}
    for i in range(n):
        k = "k" + str(i % 5000)
        words[k] = words.get(k, 0) + i
    for i in range(0, n, 2):
        del d[i * 7 % n]
    total = 0
    for k, v in words.items():
        total = (total + v * len(k)) % 1000000007
    return len(d), hits, len(words), total
print(run(1000000))
