# Generators keep local state between yields; several generators interleave.
def counter(start, step):
    n = start
    while True:
        yield n
        n += step
a = counter(0, 1)
b = counter(100, -10)
print([(next(a), next(b)) for _ in range(4)])
def running_total(xs):
    total = 0
    for x in xs:
        total += x
        yield total
print(list(running_total([1, 2, 3, 4])))
def pairs(xs):
    it = iter(xs)
    for first in it:
        yield first, next(it, None)
print(list(pairs("abcde")))
def take(n, g):
    return [v for _, v in zip(range(n), g)]
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
print(take(15, primes()))
def gen_with_finally(log):
    try:
        for i in range(3):
            yield i
    finally:
        log.append("finally")
log = []
for v in gen_with_finally(log):
    pass
print(log)
