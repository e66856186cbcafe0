# gather: results in argument order, tasks and coroutines mixed, nesting, no arguments.
import asyncio


async def value(v, delay):
    await asyncio.sleep(delay)
    return v


async def main():
    print(await asyncio.gather(value(1, 0.05), value(2, 0.01), value(3, 0)))
    t = asyncio.create_task(value("t", 0))
    print(await asyncio.gather(t, value("c", 0)))
    print(await asyncio.gather())
    inner = asyncio.gather(value("x", 0), value("y", 0))
    print(await asyncio.gather(inner, value("z", 0)))
    print(await asyncio.gather(*[value(i * i, 0) for i in range(6)]))


asyncio.run(main())
