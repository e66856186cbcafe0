# Integer literals that do not fit in a machine word.
a = 123456789012345678901234567890
b = 98765432109876543210987654321098765432109876543210
print(a)
print(b)
print(a + b)
print(b - a)
print(a * b)
print(b // a, b % a)
print(-a, -b)
print(a == 123456789012345678901234567890)
print(a < b, b < a)
print(100000000000000000000000000000000000000000000000000000000000000000000000000000000)
print(1_000_000_000_000_000_000_000)
print(type(a).__name__)
print(str(a)[::-1])
print(len(str(b)))
