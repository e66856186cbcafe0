# async for over __aiter__/__anext__, with break, continue, else and errors.
class Step:
    def __await__(self):
        yield


class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Step()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


def run(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as e:
            return e.value


async def collect(n):
    out = []
    async for x in Counter(n):
        out.append(x)
    else:
        out.append("else")
    return out


async def with_break():
    out = []
    async for x in Counter(10):
        if x % 2:
            continue
        if x > 6:
            break
        out.append(x)
    else:
        out.append("no else")
    return out


async def nested():
    out = []
    async for a in Counter(2):
        async for b in Counter(2):
            out.append((a, b))
    return out


class Failing(Counter):
    async def __anext__(self):
        if self.i == 2:
            raise ValueError("boom")
        self.i += 1
        return self.i


async def failing():
    seen = []
    try:
        async for x in Failing(5):
            seen.append(x)
    except ValueError as e:
        seen.append(str(e))
    return seen


async def not_async_iterable():
    async for x in [1, 2]:
        pass


class NoAnext:
    def __aiter__(self):
        return 1


async def bad_aiter():
    async for x in NoAnext():
        pass


print(run(collect(3)))
print(run(collect(0)))
print(run(with_break()))
print(run(nested()))
print(run(failing()))
for f in (not_async_iterable, bad_aiter):
    try:
        run(f())
    except TypeError as e:
        print("TypeError", e)
