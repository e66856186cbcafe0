# cancel(msg): the CancelledError raised in the task carries the message.
import asyncio


async def sleeper(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log.append(e.args)
        raise


async def main():
    log = []
    a = asyncio.create_task(sleeper(log))
    b = asyncio.create_task(sleeper(log))
    await asyncio.sleep(0)
    a.cancel("stop now")
    b.cancel()
    for t in (a, b):
        try:
            await t
        except asyncio.CancelledError:
            pass
    print(log, a.cancelled(), b.cancelled())


asyncio.run(main())
