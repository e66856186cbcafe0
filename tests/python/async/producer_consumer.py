# Producer/consumer coordinated with Events and a Lock-protected list.
import asyncio


async def producer(items, ready, lock, n):
    for i in range(n):
        async with lock:
            items.append(i)
        ready.set()
        await asyncio.sleep(0)
    async with lock:
        items.append(None)
    ready.set()


async def consumer(items, ready, lock):
    got = []
    while True:
        await ready.wait()
        async with lock:
            batch = items[:]
            items.clear()
            ready.clear()
        for x in batch:
            if x is None:
                return got
            got.append(x)


async def main():
    items = []
    ready = asyncio.Event()
    lock = asyncio.Lock()
    c = asyncio.create_task(consumer(items, ready, lock))
    await producer(items, ready, lock, 7)
    print(await c)


asyncio.run(main())
