# async for over an async iterator whose __anext__ sleeps, consumed by concurrent tasks.
import asyncio


class Ticker:
    def __init__(self, name, n):
        self.name = name
        self.n = n

    def __aiter__(self):
        self.i = 0
        return self

    async def __anext__(self):
        if self.i == self.n:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.i += 1
        return "%s%d" % (self.name, self.i)


log = []


async def consume(t):
    async for x in t:
        log.append(x)
    return t.name


async def main():
    print(await asyncio.gather(consume(Ticker("a", 3)), consume(Ticker("b", 2))))
    print(log)
    out = []
    async for x in Ticker("c", 4):
        if x == "c3":
            break
        out.append(x)
    print(out)


asyncio.run(main())
