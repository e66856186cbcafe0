# lambda: arguments, defaults, closures, immediate calls.
add = lambda a, b: a + b
print(add(2, 3), (lambda: "no args")(), (lambda *a: a)(1, 2), (lambda **k: k)(x=1))
print((lambda a, b=10: a * b)(3), (lambda a, *, b: a - b)(10, b=4))
pairs = [(2, "b"), (1, "c"), (3, "a")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda x: x ** 2, range(5))))
print(list(filter(lambda s: "a" in s, ["cat", "dog", "bat"])))
mul = lambda n: lambda x: x * n
print(mul(3)(7))
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
print(add.__name__, (lambda: 0).__name__)
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, lambda v: v * 2)(21))
print((lambda x: (x, x))(1))
