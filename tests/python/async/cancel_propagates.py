# Cancelling a task that awaits another task cancels that one too; cancelling a gather
# cancels its children.
import asyncio

log = []


async def leaf(name):
    try:
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
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log.append("outer cancelled")
    g = asyncio.gather(leaf("g1"), leaf("g2"))
    await asyncio.sleep(0.01)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        log.append("gather cancelled")
    for line in log:
        print(line)


asyncio.run(main())
