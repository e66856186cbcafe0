# dict work: inserts, lookups, updates, deletes with int and str keys (rounds over a small dict,
# so the live data fits a board-sized heap).
def round_(r, n):
    d = {}
    for i in range(n):
        d[(i * 7 + r) % n] = i
    hits = 0
    for i in range(0, 2 * n, 3):
        if i in d:
            hits += d[i]
    words = {}
    for i in range(n):
        k = "k" + str((i + r) % 500)
        words[k] = words.get(k, 0) + i
    for i in range(0, n, 2):
        del d[(i * 7 + r) % n]
    total = 0
    for k, v in words.items():
        total = (total + v * len(k)) % 1000000007
    return len(d) + hits + len(words) + total
def run(rounds, n):
    check = 0
    for r in range(rounds):
        check = (check * 31 + round_(r, n)) % 1000000007
    return check
print(run(200, 5000))
