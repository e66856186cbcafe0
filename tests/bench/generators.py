# Generators: pipelines of generator functions and expressions, `yield from` over a tree,
# send() into a running coroutine, and generators stopped early.
def naturals(start):
    n = start
    while True:
        yield n
        n += 1


def take(n, items):
    for item in items:
        if n <= 0:
            return
        n -= 1
        yield item


def multiples_removed(p, items):
    for item in items:
        if item % p:
            yield item


def primes():
    """An unbounded prime sieve: a chain of filters grown one prime at a time."""
    items = naturals(2)
    while True:
        p = next(items)
        yield p
        items = multiples_removed(p, items)


def tree(depth, label):
    """A complete binary tree as nested tuples (left, label, right)."""
    if depth == 0:
        return None
    return (tree(depth - 1, 2 * label), label, tree(depth - 1, 2 * label + 1))


def in_order(node):
    if node is not None:
        left, label, right = node
        yield from in_order(left)
        yield label
        yield from in_order(right)


def running_mean():
    total = count = 0
    mean = None
    while True:
        value = yield mean
        total += value
        count += 1
        mean = total // count


def pairs(items):
    it = iter(items)
    for a in it:
        yield a, next(it, 0)


def run(rounds):
    check = 0
    for r in range(rounds):
        # 30 primes: a chain of 30 nested generators, within what MicroPython's VIRT_RV32
        # build allows (its C stack stops it at about 35).
        check += sum(take(30, primes()))
        check += sum(x * x for x in in_order(tree(11, 1)) if x % 3 == r % 3)
        mean = running_mean()
        next(mean)
        for v in take(3000, naturals(r)):
            last = mean.send(v * 7 % 101)
        check += last
        check += sum(a * b for a, b in pairs(range(r, r + 4001)))
        words = (w for w in ("alpha", "beta", "gamma", "delta") * 500)
        check += len(list(zip(words, naturals(0), map(len, words))))
        check += max(enumerate(x % 97 for x in take(5000, naturals(r))))[0]
        check %= 1000000007
    return check


print(run(64))
