# Converting ints to floats, and true division of ints.
print(float(0), float(1), float(-7), float(2 ** 53), float(2 ** 53 + 1))
print(float(10 ** 20), float(10 ** 22), float(-(10 ** 30)))
print(float(2 ** 1000) > 1e300)
try:
    float(2 ** 1024)
except OverflowError as e:
    print(type(e).__name__, e)
print(1 / 3, 10 / 4, -7 / 2, 6 / 3)
print(10 ** 30 / 10 ** 10)
print(2 ** 53 == float(2 ** 53), 2 ** 53 + 1 == float(2 ** 53 + 1))
print(1 == 1.0, 10 ** 20 == 1e20, 3 < 3.5, -1 > -1.5)
try:
    1 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(int(float(123456789)))
