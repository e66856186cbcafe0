# for loops drive any iterable through iter() and next().
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
for v in Countdown(3):
    print(v)
print(list(Countdown(4)), sum(Countdown(10)))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), [x for x in Seq()])
it = iter([1, 2, 3])
for x in it:
    if x == 1:
        print("skip", next(it))
    else:
        print("got", x)
a, b, c = Countdown(3)
print(a, b, c)
