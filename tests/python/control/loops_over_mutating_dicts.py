# Iterating over copies while mutating, and the size-change error on live views.
d = {i: i * i for i in range(6)}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
for k, v in list(d.items()):
    d[k + 100] = v
print(len(d), list(d)[-3:])
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(type(e).__name__, e)
s = {1, 2, 3}
try:
    for v in s:
        s.add(v + 10)
except RuntimeError as e:
    print(type(e).__name__, e)
lst = [1, 2, 3]
for v in lst[:]:
    lst.append(v)
print(lst)
