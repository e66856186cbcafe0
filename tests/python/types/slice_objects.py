# slice objects and slice.indices.
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step)
print(slice(5), slice(None, None, -1), slice(1, 2))
data = list(range(20))
print(data[s], data[slice(5)], data[slice(None, None, -3)])
print(slice(1, 10, 2).indices(5), slice(None).indices(7), slice(None, None, -1).indices(4))
print(slice(-3, None).indices(10), slice(-100, 100).indices(10), slice(5, 1, -2).indices(10))
print("abcdefgh"[slice(2, 6)], (1, 2, 3, 4)[slice(None, None, 2)])
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
class Recorder:
    def __getitem__(self, key):
        return key
r = Recorder()
print(r[1:2], r[::3], r[1:2, 3], r[:, 1], r[...])
try:
    "abc"[::0]
except ValueError as e:
    print(type(e).__name__, e)
