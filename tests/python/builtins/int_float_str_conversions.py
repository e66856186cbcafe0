# Round trips between int, float and str.
for n in [0, 7, -7, 2 ** 31, 2 ** 63 - 1, -(2 ** 63), 10 ** 25]:
    print(n, str(n), int(str(n)) == n, float(n), repr(float(n)))
for f in [0.1, 1.5, -2.25, 1e22, 1e-7, 123456.789]:
    print(f, str(f), float(str(f)) == f, float(repr(f)) == f, int(f))
print(str(True), int("007"), float("007.50"), str(1.0), str(10.0 ** 16), str(-1e-5))
# A base without a value to convert.
try:
    int(base=10)
except TypeError as e:
    print("TypeError", e)
print(int(), int("z", base=36))
