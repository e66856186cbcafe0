# Arbitrary precision multiplication and addition.
a = 2 ** 100
print(a)
print(a * a)
print(a * a - 1)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f * f)
x = 12345678901234567890
print(x * x * x)
print(x * -x)
print((10 ** 50 + 1) * (10 ** 50 - 1))
print(3 ** 200)
print(-(2 ** 64) * (2 ** 64))
s = 0
for i in range(100):
    s += 7 ** i
print(s)
print(s % 1000000007)
