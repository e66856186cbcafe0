# Left and right shifts on small, big and negative ints.
print(1 << 0, 1 << 1, 1 << 31, 1 << 32, 1 << 63, 1 << 64, 1 << 100)
print(255 >> 1, 255 >> 8, 255 >> 100)
print(-1 >> 1, -1 >> 100, -8 >> 1, -9 >> 1, -9 >> 2)
print(-1 << 10, -5 << 3)
big = 3 ** 80
print(big >> 50, big << 5, (-big) >> 50)
print((1 << 200) >> 199)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
x = 1
for i in range(70):
    x <<= 1
print(x)
x >>= 69
print(x)
