# random: a seeded generator draws the same numbers as CPython's Mersenne Twister.
import random


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


random.seed(1)
print(random.getrandbits(32), random.getrandbits(8), random.getrandbits(0), random.getrandbits(100))
print(random.random(), random.random())
print([random.randrange(10) for _ in range(10)])
print([random.randint(-5, 5) for _ in range(10)])
print([random.randrange(0, 100, 7) for _ in range(5)], random.randrange(10, 0, -3))
print(random.choice('abcdef'), random.choice([1, 2, 3]), random.choice(range(1000)))
x = list(range(10))
random.shuffle(x)
print(x)
print(round(random.uniform(1, 2), 10), random.randrange(2**70))
random.seed(12345678901234567890)
print(random.random(), random.getrandbits(64))
random.seed(0)
a = [random.random() for _ in range(3)]
random.seed(0)
print(a == [random.random() for _ in range(3)])
random.seed(-7)
b = random.random()
random.seed(7)
print(b == random.random())
random.seed()
r = random.random()
print(0 <= r < 1, 1 <= random.randint(1, 6) <= 6)
t(lambda: random.randrange(0))
t(lambda: random.randint(5, 1))
t(lambda: random.choice([]))
t(lambda: random.getrandbits(-1))
t(lambda: random.randrange(1, 10, 0))
t(lambda: random.randrange(5, 5))
try:
    import urandom  # MicroPython's name
except ImportError:
    import random as urandom
urandom.seed(3)
print(urandom.getrandbits(16))
