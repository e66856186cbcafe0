# wait_for: a result in time, TimeoutError when late (the inner task is cancelled first).
import asyncio

log = []


async def work(delay, v):
    try:
        await asyncio.sleep(delay)
        return v
    finally:
        log.append("work(%s) finally" % v)


async def main():
    print(await asyncio.wait_for(work(0, "fast"), 1))
    try:
        await asyncio.wait_for(work(10, "slow"), 0.02)
    except asyncio.TimeoutError as e:
        print("TimeoutError", type(e).__name__, isinstance(e, TimeoutError))
    print(await asyncio.wait_for(work(0, "none"), None))
    t = asyncio.create_task(work(10, "task"))
    try:
        await asyncio.wait_for(t, 0.01)
    except TimeoutError:
        print("task cancelled:", t.cancelled())
    print(log)


asyncio.run(main())
