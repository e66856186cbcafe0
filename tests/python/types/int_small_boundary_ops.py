# Every integer operator at the edges of the 31-bit small-int range (and just past them):
# results that leave the range must promote to big ints, never wrap.
B = 2**30
edges = [B - 1, B, B + 1, -B, -B - 1, -B + 1, 2**31 - 1, -2**31, 2**31, 2**32]
small = [-2, -1, 1, 2, 3]
for a in edges:
    print(a, -a, abs(a), ~a, +a)
    for b in small:
        print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b))
    for s in (0, 1, 2, 31, 33):
        print(a, s, a << s, a >> s)
    print(pow(a, 2), a ** 3 == a * a * a)
for a in (-B, B - 1):
    x = a
    x //= -1
    print(x, type(x).__name__)
    x = a
    x *= -1
    print(x)
    x = a
    x <<= 1
    print(x)
print((-2**30) // -1, (-2**30) % -1, -(-2**30), abs(-2**30), divmod(-2**30, -1))
print(pow(-2, 31), pow(2, 30), pow(-2, 30), (-2) ** 31 + 1)
