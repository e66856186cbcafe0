# Arithmetic on complex numbers, and mixed with int and float.
a, b = 1 + 2j, 3 - 4j
print(a + b, a - b, a * b, a / b)
print(a + 1, 1 + a, a * 2, 2 * a, a - 0.5, 0.5 - a, a / 2, 2 / a)
print(a ** 2, a ** 0, a ** -1, (2j) ** 3, a ** 0.5)
print((1 + 1j) ** (1 + 1j))
print(1j ** 2, (-1) ** 0.5 if False else 1j * 1j)
print(pow(a, 2), pow(2, 1j))
print(abs(3 + 4j), abs(-5j), abs(0j))
print(-a, +a, -(0j))
x = 1j
x += 1
x *= 2
x -= 1j
x /= 2
print(x)
print(True + 1j, False * 1j)
print(sum([1j, 2, 3.5]), sum([1 + 1j] * 4))
for op in ("//", "%", "<", "divmod"):
    try:
        if op == "//":
            a // b
        elif op == "%":
            a % 2
        elif op == "<":
            a < b
        else:
            divmod(a, 1)
    except TypeError as e:
        print(type(e).__name__, e)
for bad in (lambda: a / 0, lambda: a / 0j, lambda: 0j ** -1, lambda: 1 / (0 + 0j)):
    try:
        bad()
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
try:
    1j + "a"
except TypeError as e:
    print(type(e).__name__, e)
try:
    ~1j
except TypeError as e:
    print(type(e).__name__, e)
