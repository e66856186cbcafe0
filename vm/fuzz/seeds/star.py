a, *b, c = d
f(*a, **k)
x = [*a, *b]
