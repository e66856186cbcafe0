# Powers that give complex results: negative bases, fractional and complex exponents.
def show(z):
    if isinstance(z, complex):
        return complex(round(z.real, 12), round(z.imag, 12))
    return round(z, 12)
print(show((-1) ** 0.5), show((-8) ** (1 / 3)), show((-1.2) ** -3.4), show((-4.0) ** 0.5))
print((-2.0) ** 2, (-2) ** -2, 4 ** 0.5, (-1) ** 2.0, type((-1) ** 0.5).__name__)
print(show(2 ** 1j), show(1j ** 1j), show((1 + 1j) ** 0.5), show((0.5 - 2j) ** -2))
print((1 + 1j) ** 2, (1 + 1j) ** 3, (1 + 1j) ** -2, (2 + 0j) ** 10, 1j ** 4, 1j ** 101)
print(0j ** 0, 0j ** 2, (0 + 0j) ** 0j)
print(pow(-1, 0.25) == (-1) ** 0.25, pow(1j, 2))
for bad in (lambda: 0j ** -2, lambda: 0j ** 1j, lambda: 0.0 ** -1):
    try:
        bad()
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
try:
    pow(1j, 2, 3)
except (ValueError, TypeError) as e:
    print(type(e).__name__)
