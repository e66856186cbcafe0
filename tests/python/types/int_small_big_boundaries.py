# Arithmetic across the boundaries where small ints become big ints (2**29 .. 2**64).
edges = []
for bits in (29, 30, 31, 32, 62, 63, 64):
    for delta in (-1, 0, 1):
        edges.append(2 ** bits + delta)
        edges.append(-(2 ** bits) + delta)
for v in edges:
    print(v, v + 1, v - 1, v * 2, -v, abs(v), v // 3, v % 7, v >> 1, v << 1, ~v)
x = 2 ** 30 - 1
print(x + x, x * x, (x + 1) - 1 == x, type(x + 1 - 1).__name__)
y = 0
for _ in range(40):
    y = y * 2 + 1
print(y, y.bit_length(), y == 2 ** 40 - 1)
z = 2 ** 40
while z > 1:
    z //= 3
print(z)
print(-(2 ** 31) // -1, (-(2 ** 63)) // -1, -(2 ** 63) * -1)
print(sorted(edges)[:3], max(edges), min(edges), sum(edges))
