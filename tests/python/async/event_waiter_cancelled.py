# A waiter cancelled while waiting on an Event does not disturb the others.
import asyncio

log = []


async def waiter(ev, name):
    try:
        await ev.wait()
        log.append(name + " woke")
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise


async def main():
    ev = asyncio.Event()
    tasks = {n: asyncio.create_task(waiter(ev, n)) for n in "abc"}
    await asyncio.sleep(0)
    tasks["b"].cancel()
    await asyncio.sleep(0)
    ev.set()
    r = await asyncio.gather(*tasks.values(), return_exceptions=True)
    print([type(x).__name__ for x in r])
    print(log)


asyncio.run(main())
