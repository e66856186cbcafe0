# Big-int edge cases: floor division and modulo signs, shifts and bitwise operators of
# negative numbers, huge products, and int -> float rounding (ties to even) in conversion and
# true division.
import math

big = 3 ** 100
for a in (big, -big, big + 1, -big - 1):
    for b in (7, -7, 2 ** 64 + 1, -(2 ** 64 + 1), big // 3, -(big // 3)):
        q, r = divmod(a, b)
        print(q, r, a // b == q, a % b == r, q * b + r == a)

for a in (-(2 ** 100), -(2 ** 100) - 1, -(2 ** 100) + 1, 2 ** 100 - 1, -1):
    print(a >> 1, a >> 31, a >> 32, a >> 64, a >> 99, a >> 100, a >> 101, a >> 1000)
    print(a << 1, a << 33, (a << 77) >> 77 == a)

x = -(2 ** 70) + 12345
y = 2 ** 65 - 987654321
for p, q in ((x, y), (y, x), (x, -y), (-x, -y), (x, -1), (x, 0), (x, 2 ** 200)):
    print(p & q, p | q, p ^ q, ~p)

h = 7 ** 400 - 1
g = 11 ** 350 + 3
prod = h * g
print(prod % 1000000007, prod % 2 ** 64, prod >> 2000)
print((-h) * g == -(h * g), (h * g) // g == h, (h * g) % h)
print(str(h * h)[:40], len(str(h * h)))

# Ties: 2**53 + 1 lies halfway between two floats; the even one wins.
for n in (2 ** 53 + 1, 2 ** 53 + 3, -(2 ** 53 + 1), 2 ** 64 + 2 ** 11, 2 ** 64 + 2 ** 11 + 1,
          (2 ** 53 + 1) * 2 ** 200, (2 ** 53 + 3) * 2 ** 200, 2 ** 1023 * (2 ** 53 - 1) // 2 ** 52):
    print(float(n), n == int(float(n)))
for n in (2 ** 1024, -(2 ** 1024), 2 ** 1024 - 2 ** 970):
    try:
        print(float(n))
    except OverflowError as e:
        print(type(e).__name__, e)

# True division: correctly rounded quotients of big ints.
for a, b in ((10 ** 30, 3), (10 ** 30 + 1, 10 ** 29), (1, 10 ** 310), (-(2 ** 200), 3 ** 50),
             (2 ** 53 + 1, 1), (2 ** 80 + 2 ** 27, 2 ** 27), (2 ** 80 + 2 ** 27 + 1, 2 ** 27),
             (0, -(10 ** 30)), (7 ** 300, 3 ** 400), (10 ** 400, 10 ** 100)):
    print(a / b)
try:
    print(10 ** 400 / 3)
except OverflowError as e:
    print(type(e).__name__, e)

print(pow(3, -1, 2 ** 127 - 1), pow(-3, -1, 7), pow(3, -1, -7), pow(10 ** 20, 10 ** 20, 10 ** 9 + 7))
try:
    pow(6, -1, 9)
except ValueError as e:
    print(type(e).__name__, e)
print(math.gcd(2 ** 100 * 3, 6 ** 50), math.gcd(-(10 ** 30), 0), math.gcd(0, 0))
print(int(1e300) == 10 ** 300, int(-2.5e30), int(float(2 ** 70 + 1)))
print(round(12345678901234567890123, -5), round(-250 * 10 ** 20, -21), round(350 * 10 ** 20, -21))
print((2 ** 100).to_bytes(13, 'big'), (-(2 ** 100)).to_bytes(14, 'little', signed=True))
print(int.from_bytes(b'\xff' * 12, 'big', signed=True), int.from_bytes(b'\x80' + b'\0' * 11, 'big', signed=True))
print((2 ** 100 - 1).bit_length(), (-(2 ** 100)).bit_length(), 10 ** 30 // -(10 ** 15) ** 2)
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 100)), hash(2 ** 100) == hash(2 ** 100 % (2 ** 61 - 1)))
