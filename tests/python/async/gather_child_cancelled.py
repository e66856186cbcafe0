# A cancelled child: gather raises CancelledError, or returns it with return_exceptions.
import asyncio


async def sleeper(d):
    await asyncio.sleep(d)
    return d


async def main():
    a = asyncio.create_task(sleeper(10))
    b = asyncio.create_task(sleeper(0))
    g = asyncio.gather(a, b, return_exceptions=True)
    await asyncio.sleep(0)
    a.cancel()
    r = await g
    print([type(x).__name__ for x in r], r[1])
    c = asyncio.create_task(sleeper(10))
    g = asyncio.gather(c, sleeper(0))
    await asyncio.sleep(0)
    c.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError")


asyncio.run(main())
