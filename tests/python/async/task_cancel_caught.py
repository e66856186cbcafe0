# A task may catch CancelledError, clean up with awaits, and return a value.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0)
        return "cleaned up"
    return "slept"


async def reraiser():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("reraiser saw it")
        raise


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelled())
    r = asyncio.create_task(reraiser())
    await asyncio.sleep(0)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print("reraised", r.cancelled())
    print(issubclass(asyncio.CancelledError, BaseException))
    print(issubclass(asyncio.CancelledError, Exception))


asyncio.run(main())
