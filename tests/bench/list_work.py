# list work: append, index, slicing, comprehension, sort with and without key (rounds over a
# small list, so the live data fits a board-sized heap).
def round_(seed, n):
    xs = []
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        xs.append(seed % 100000)
    ys = [x * 2 for x in xs if x % 3]
    ys.sort()
    zs = sorted(xs, key=lambda v: (v % 1000, v))
    total = 0
    for i in range(0, len(ys), 7):
        total += ys[i]
    xs.reverse()
    mid = xs[n // 4: n // 2]
    pairs = list(zip(mid, mid[1:]))
    check = total + zs[0] + zs[-1] + len(pairs) + sum(a - b for a, b in pairs) + ys[len(ys) // 2]
    return seed, check
def run(rounds, n):
    seed, check = 12345, 0
    for _ in range(rounds):
        seed, c = round_(seed, n)
        check = (check * 31 + c) % 1000000007
    return check
print(run(100, 5000))
