# ThreadSafeFlag (MicroPython): wait() returns once set and clears the flag; a set before
# the wait is not lost; several sets before a wait count once.
import asyncio

log = []


async def waiter(flag, n):
    for i in range(n):
        await flag.wait()
        log.append("woke %d" % i)


async def main():
    flag = asyncio.ThreadSafeFlag()
    t = asyncio.create_task(waiter(flag, 2))
    await asyncio.sleep(0)
    flag.set()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    flag.set()
    flag.set()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await t
    flag.set()
    await flag.wait()
    log.append("pre-set wait returned")
    w = asyncio.create_task(flag.wait())
    await asyncio.sleep(0.01)
    log.append("still waiting: %s" % (not w.done()))
    flag.clear()
    flag.set()
    await w
    print(log)


asyncio.run(main())
