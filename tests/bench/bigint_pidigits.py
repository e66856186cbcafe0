# Big-int arithmetic: digits of pi by the spigot algorithm, and a big factorial.
def pi_digits(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    digits = []
    while len(digits) < n:
        if 4 * q + r - t < m * t:
            digits.append(m)
            q, r, t, k, m, x = 10 * q, 10 * (r - m * t), t, k, (10 * (3 * q + r)) // t - 10 * m, x
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return "".join(map(str, digits))
d = pi_digits(3300)
print(d[:50], d[-20:])
f = 1
for i in range(2, 1501):
    f *= i
s = str(f)
print(len(s), sum(int(c) for c in s) % 1000003, f % (10 ** 9 + 7))
