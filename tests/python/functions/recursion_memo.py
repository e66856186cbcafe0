# Recursive algorithms with explicit memo tables.
memo = {}
def fib(n):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print(fib(90), len(memo))
def partitions(n, k=None, cache={}):
    if k is None:
        k = n
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    key = (n, k)
    if key not in cache:
        cache[key] = partitions(n - k, k) + partitions(n, k - 1)
    return cache[key]
print([partitions(i) for i in range(15)], partitions(60))
def binom(n, k, c={}):
    if k == 0 or k == n:
        return 1
    if (n, k) not in c:
        c[(n, k)] = binom(n - 1, k - 1) + binom(n - 1, k)
    return c[(n, k)]
print(binom(40, 20), [binom(6, k) for k in range(7)])
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3), ackermann(1, 5))
