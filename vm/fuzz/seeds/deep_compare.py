a = []
b = [a]
a.append(b)
try:
    a == b
except RecursionError:
    pass
t = ()
for i in range(2000):
    t = (t,)
try:
    hash(t)
except RecursionError:
    pass
print(t == (t,), t < (t,), {t: 1})
