# += on a list mutates it in place; on a tuple it rebinds.
a = [1]
b = a
a += [2]
print(a, b, a is b)
a = a + [3]
print(a, b, a is b)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
s = {1}
alias = s
s |= {2}
print(sorted(s), alias is s)
tl = ([1],)
try:
    tl[0] += [2]
except TypeError as e:
    print(type(e).__name__, e)
print(tl)
