# An exception inside `async with lock` releases the lock; waiters then get it in turn.
import asyncio

log = []


async def worker(lock, name, fail):
    try:
        async with lock:
            log.append(name + " holds")
            await asyncio.sleep(0)
            if fail:
                raise ValueError(name)
    except ValueError as e:
        log.append("error in " + str(e))


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(worker(lock, "a", True), worker(lock, "b", False), worker(lock, "c", True))
    print(log, lock.locked())


asyncio.run(main())
