# Cancelling a task that awaits another task cancels that one too; cancelling a gather
# cancels its children. Each leaf says when it is waiting, so no wall-clock delay decides
# whether it has started (a collection on every allocation slows start-up a lot).
import asyncio

log = []
waiting = []


async def until_waiting(n):
    while len(waiting) < n:
        await asyncio.sleep(0)


async def leaf(name):
    try:
        waiting.append(name)
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise


async def outer():
    inner = asyncio.create_task(leaf("inner"))
    try:
        await inner
    finally:
        log.append("outer finally, inner cancelled: " + str(inner.cancelled()))


async def main():
    t = asyncio.create_task(outer())
    await until_waiting(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log.append("outer cancelled")
    g = asyncio.gather(leaf("g1"), leaf("g2"))
    await until_waiting(3)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        log.append("gather cancelled")
    for line in log:
        print(line)


asyncio.run(main())
