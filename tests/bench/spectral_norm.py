# Spectral norm of the infinite matrix A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1),
# by power iteration on A'A: float division, nested loops over lists, zip and sum.
def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(v):
    n = len(v)
    return [sum(entry(i, j) * x for j, x in enumerate(v)) for i in range(n)]


def times_transposed(v):
    n = len(v)
    return [sum(entry(j, i) * x for j, x in enumerate(v)) for i in range(n)]


def norm(n, rounds):
    u = [1.0] * n
    for _ in range(rounds):
        v = times_transposed(times(u))
        u = times_transposed(times(v))
    vbv = vv = 0.0
    for a, b in zip(u, v):
        vbv += a * b
        vv += b * b
    return (vbv / vv) ** 0.5


print("%.9f" % norm(200, 10))
