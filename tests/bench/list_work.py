# list work: append, index, slicing, comprehension, sort with and without key.
def run(n):
    xs = []
    seed = 12345
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
    return total, zs[0], zs[-1], len(pairs), sum(a - b for a, b in pairs[:1000]), ys[len(ys) // 2]
print(run(400000))
