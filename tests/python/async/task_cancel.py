# Cancelling a task that awaits: CancelledError at its await, its finally runs.
import asyncio

log = []


async def sleeper():
    try:
        log.append("start")
        await asyncio.sleep(10)
        log.append("not reached")
    finally:
        log.append("finally")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print(t.cancel(), t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting raised CancelledError")
    print(t.done(), t.cancelled(), t.cancel())
    print(log)
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raises CancelledError")
    t2 = asyncio.create_task(sleeper())
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError:
        print("cancelled before it started", t2.cancelled())
    print(log)


asyncio.run(main())
