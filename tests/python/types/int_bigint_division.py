# Division and modulo of big ints by big and small divisors, all sign combinations.
a = 3 ** 100 + 12345
b = 7 ** 40 - 1
for x, y in [(a, b), (-a, b), (a, -b), (-a, -b), (a, 7), (-a, 7), (a, -7), (b, a), (a, a), (-a, a)]:
    q, r = divmod(x, y)
    print(q, r, q * y + r == x, x // y == q, x % y == r)
print(a // 10 ** 20, a % 10 ** 20, -a // 10 ** 20)
print(a / b, (a * b) // b == a, (a * b) % b)
print(10 ** 50 // 10 ** 49, 10 ** 50 % (10 ** 25 + 1), (2 ** 200 - 1) // (2 ** 100 + 1))
try:
    a // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(pow(a, 3, b), pow(-a, 5, 1000000007), pow(a, b, 2 ** 61 - 1))
