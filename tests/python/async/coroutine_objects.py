# Coroutine objects: type name, __name__, send before start, running coroutines from
# coroutine methods and static methods.
import asyncio


class Service:
    def __init__(self, base):
        self.base = base

    async def compute(self, x):
        await asyncio.sleep(0)
        return self.base + x

    @staticmethod
    async def double(x):
        return 2 * x

    @classmethod
    async def make(cls, base):
        return cls(base)


async def main():
    s = await Service.make(100)
    print(await s.compute(5), await Service.double(21))
    c = s.compute(1)
    print(type(c).__name__, c.__name__)
    try:
        c.send(5)
    except TypeError as e:
        print("TypeError", e)
    print(await c)


co = main()
print(type(co).__name__, co.__name__)
asyncio.run(co)
