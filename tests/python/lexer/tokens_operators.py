# Every operator token, including ones that look alike.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, -a, +a, ~a)
print(a << 2, a >> 2, a & b, a | b, a ^ b)
print(a < b, a > b, a <= b, a >= b, a == b, a != b)
print(a if a else b, a and b, a or b, not a)
print([1, 2][0], (lambda: 1)(), {"k": 1}["k"], "x".upper())
c = [1, 2, 3]
print(c[1:], c[:-1], c[::2])
x = 10
x //= 3
print(x)
