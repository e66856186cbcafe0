# Chained generators form a lazy pipeline.
def numbers():
    for i in range(1, 21):
        yield i
def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x
def squared(xs):
    for x in xs:
        yield x * x
pipeline = squared(evens(numbers()))
print(list(pipeline))
words = "the cat sat on the mat with the hat".split()
lengths = (len(w) for w in words)
long_ones = (n for n in lengths if n > 2)
print(sum(long_ones))
def window(xs, n):
    buf = []
    for x in xs:
        buf.append(x)
        if len(buf) > n:
            buf.pop(0)
        if len(buf) == n:
            yield tuple(buf)
print(list(window(range(6), 3)))
def flatten(nested):
    for item in nested:
        if isinstance(item, (list, tuple)):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, (3, [4]), 5], [[6]]])))
