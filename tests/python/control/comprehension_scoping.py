# Comprehension variables do not leak; closures inside comprehensions.
i = "outer i"
squares = [i * i for i in range(4)]
print(squares, i)
class C:
    values = [1, 2, 3]
    doubled = [v * 2 for v in values]
    total = sum(v for v in values)
print(C.doubled, C.total)
funcs = [lambda: j for j in range(3)]
print([f() for f in funcs])
funcs = [(lambda j=j: j) for j in range(3)]
print([f() for f in funcs])
def outer():
    base = 10
    return [base + k for k in range(3)]
print(outer())
print([[x for x in range(y)] for y in range(3)])
gen = (n for n in range(3))
print(list(gen), "n" in globals())
