# for loops with else, break, continue, and various iterables.
for i in range(3):
    print(i)
else:
    print("done", i)
for x in [1, 3, 5, 6, 7]:
    if x % 2 == 0:
        print("first even", x)
        break
else:
    print("no even")
for x in [1, 3, 5]:
    if x % 2 == 0:
        break
else:
    print("no even found")
for c in "abc":
    if c == "b":
        continue
    print(c)
for k, v in {"a": 1, "b": 2}.items():
    print(k, v)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)
for _ in []:
    print("never")
else:
    print("empty loop else")
primes = []
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)
