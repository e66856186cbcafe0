# gather: the first exception propagates while the others go on; return_exceptions collects.
import asyncio

log = []


async def ok(v, delay):
    await asyncio.sleep(delay)
    log.append(v)
    return v


async def fail(msg, delay):
    await asyncio.sleep(delay)
    raise ValueError(msg)


async def main():
    r = await asyncio.gather(ok(1, 0), fail("bad", 0.01), ok(2, 0.02), return_exceptions=True)
    print([type(x).__name__ for x in r], r[0], r[2], str(r[1]))
    slow = asyncio.create_task(ok("slow", 0.1))
    try:
        await asyncio.gather(fail("first", 0.01), slow)
    except ValueError as e:
        print("raised", e, slow.done())
    await slow
    print(log)


asyncio.run(main())
