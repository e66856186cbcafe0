# round: ints and floats, half-even, ndigits, negative ndigits.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(7))
print(round(3.14159, 3), round(2.5, 0), round(-2.567, 2), round(1234.5, -2), round(1250, -2), round(1350, -2))
print(round(15, -1), round(25, -1), round(-25, -1), round(123456, -3), round(5, 2), round(10 ** 20 + 5, -1))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__, type(round(5, -1)).__name__)
print(round(0.1 + 0.2, 10), round(1e-10, 5), round(-0.4), round(0.0001234, 6))
class R:
    def __round__(self, n=None):
        return "rounded %r" % (n,)
print(round(R()), round(R(), 2))
