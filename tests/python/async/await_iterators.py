# __await__ may return any iterator: its values go to whoever drives the coroutine, its
# StopIteration value becomes the await's value (a list iterator cannot take sent values).
class FromList:
    def __init__(self, items):
        self.items = items

    def __await__(self):
        return iter(self.items)


class Counting:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("counted")
        self.n -= 1
        return self.n


class GenAwait:
    def __await__(self):
        x = yield "g1"
        y = yield "g2"
        return (x, y)


async def main():
    a = await FromList([1, 2, 3])
    b = await Counting(2)
    c = await GenAwait()
    return a, b, c


co = main()
out = []
v = co.send(None)
try:
    while True:
        out.append(v)
        v = co.send(None)
except StopIteration as e:
    print(out)
    print(e.value)
