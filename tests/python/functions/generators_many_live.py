# Many generators alive at once, advanced in round-robin order.
def ticker(name, n):
    for i in range(n):
        yield "%s%d" % (name, i)
gens = [ticker(chr(ord("a") + k), k + 1) for k in range(6)]
out = []
while gens:
    alive = []
    for g in gens:
        v = next(g, None)
        if v is not None:
            out.append(v)
            alive.append(g)
    gens = alive
print(out)
def squares():
    n = 0
    while True:
        yield n * n
        n += 1
many = [squares() for _ in range(200)]
for i, g in enumerate(many):
    for _ in range(i % 7):
        next(g)
print(sum(next(g) for g in many))
def merge(*iters):
    iters = [iter(it) for it in iters]
    heads = [next(it, None) for it in iters]
    while any(h is not None for h in heads):
        i = min((h, i) for i, h in enumerate(heads) if h is not None)[1]
        yield heads[i]
        heads[i] = next(iters[i], None)
print(list(merge([1, 4, 9], [2, 3, 10], [0, 5])))
