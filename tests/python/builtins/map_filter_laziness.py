# map, filter, zip and reversed are lazy iterators.
seen = []
def track(x):
    seen.append(x)
    return x * 10
m = map(track, [1, 2, 3])
print(seen)
print(next(m), seen)
print(list(m), seen)
f = filter(lambda v: v > 1, [0, 1, 2, 3])
print(next(f), list(f))
z = zip([1, 2], [3, 4])
print(iter(z) is z, list(z), list(z))
r = reversed([1, 2, 3])
print(next(r), list(r))
