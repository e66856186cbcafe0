# Float arithmetic operators.
a, b = 7.5, 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a // b, -a % b, a // -b, a % -b)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-15)
print(2.0 ** 0.5, 2.0 ** -1, (-8.0) ** 3)
print(1.0 / 3.0 * 3.0)
print(1e308 * 10, -1e308 * 10)
print(3 * 0.1, 3 + 0.5, 10 - 0.25)
try:
    1.0 / 0.0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1.0 % 0.0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(5.0.is_integer(), 5.5.is_integer())
print(abs(-2.5), -(-2.5))
print(2.5 < 3, 2.5 == 2.5, 2.5 != 2)
