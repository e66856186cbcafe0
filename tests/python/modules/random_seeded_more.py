# random with a fixed seed: the same numbers as CPython's Mersenne Twister.
import random
random.seed(12345)
print(random.getrandbits(32), random.getrandbits(8), random.getrandbits(70))
print(random.randrange(10), random.randrange(5, 50, 5), random.randint(-3, 3))
print(round(random.random(), 12), round(random.uniform(2, 4), 12))
items = list(range(10))
random.shuffle(items)
print(items, random.choice("abcdef"), random.choice([1]))
random.seed(12345)
print(random.getrandbits(32))
for bad in (lambda: random.randrange(0), lambda: random.choice([]), lambda: random.randint(3, 1)):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__)
