# Mixed int/float/bool arithmetic results and types.
pairs = [(7, 2), (7.0, 2), (7, 2.0), (-7, 2), (True, 2), (7, True)]
for a, b in pairs:
    print(a, b, a + b, a - b, a * b, a / b, a // b, a % b, type(a + b).__name__)
print(2 ** 0.5 * 2 ** 0.5 == 2, abs(2 ** 0.5 * 2 ** 0.5 - 2) < 1e-12)
print(int(7 / 2), 7 // 2, -7 // 2, int(-7 / 2))
