# abs, divmod and pow (including 3-argument and negative exponents).
print(abs(-3), abs(3), abs(-2.5), abs(0), abs(-0.0), abs(True), abs(-(10 ** 30)))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5), divmod(7.5, 2), divmod(-7.5, 2))
print(divmod(10 ** 20, 7))
print(pow(2, 10), pow(2, -1), pow(-2, 3), pow(2.0, 3), pow(4, 0.5), pow(0, 0))
print(pow(3, 4, 5), pow(-3, 4, 5), pow(3, 4, -5), pow(2, 10 ** 6, 1000), pow(5, -1, 7), pow(38, -1, 97))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
