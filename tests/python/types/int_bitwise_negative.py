# Bitwise and, or, xor, invert with negative and big operands.
vals = [0, 1, -1, 5, -5, 255, -256, 2 ** 70, -(2 ** 70) + 3]
for a in vals[:5]:
    for b in vals[:5]:
        print(a, b, a & b, a | b, a ^ b)
for v in vals:
    print(v, ~v)
print(2 ** 70 & -1, (2 ** 70 + 5) & 0xff, -(2 ** 70) | 1, (2 ** 70) ^ (2 ** 69))
print(-12345678901234567890 & 0xffffffff)
print(-12345678901234567890 | 0xff, -12345678901234567890 ^ -1)
