# random with a seed: CPython's sequences for randrange steps, sample-free functions.
import random
random.seed(12345)
print([random.randrange(0, 100, 7) for _ in range(5)], random.getrandbits(70), random.randint(-5, 5))
l = list(range(10))
random.shuffle(l)
print(l, random.choice('abcdef'), round(random.uniform(1, 2), 12), round(random.random(), 12))
random.seed('a string seed')
print(random.random() < 1, random.getrandbits(1) in (0, 1))
random.seed(7)
a = [random.random() for _ in range(3)]
random.seed(7)
print(a == [random.random() for _ in range(3)])
try:
    random.randrange(5, 5)
except ValueError as e:
    print('ValueError', e)
try:
    random.choice([])
except IndexError as e:
    print('IndexError', e)
