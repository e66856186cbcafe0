# Conditional expressions, nesting, and laziness.
for n in range(-2, 3):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
def boom():
    raise RuntimeError("evaluated")
print("safe" if True else boom())
print(boom() if False else "also safe")
x = 3
y = (x * 2) if x > 2 else (x / 2)
print(y)
print([("even" if i % 2 == 0 else "odd") for i in range(4)])
f = (lambda v: v + 1) if x else (lambda v: v - 1)
print(f(10))
print(1 if [] else 2 if {} else 3 if "" else 4)
