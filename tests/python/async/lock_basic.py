# Lock: mutual exclusion across awaits, FIFO hand-over, release errors.
import asyncio

log = []


async def user(lock, name):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        log.append(name + " out")


async def main():
    lock = asyncio.Lock()
    print(lock.locked())
    await asyncio.gather(*(user(lock, n) for n in "abc"))
    print(log)
    print(await lock.acquire(), lock.locked())
    lock.release()
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)
    await lock.acquire()
    t = asyncio.create_task(user(lock, "w"))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("waiter cancelled")
    lock.release()
    await user(lock, "after")
    print(log[-2:], lock.locked())


asyncio.run(main())
