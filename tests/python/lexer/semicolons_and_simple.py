# Several simple statements on one line with semicolons.
a = 1; b = 2; c = a + b
print(a, b, c)
x = y = z = 5
print(x, y, z)
a, b = b, a; print(a, b)
i = 0
while i < 3: i += 1
print(i)
def f(): return "f"
print(f())
class C: pass
print(C.__name__)
if a > b: print("gt")
else: print("le")
