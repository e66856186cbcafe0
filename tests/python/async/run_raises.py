# An exception escaping the main coroutine propagates out of asyncio.run, with its
# traceback through the awaits; the loop is usable again afterwards.
import asyncio


async def inner(n):
    await asyncio.sleep(0)
    if n == 0:
        raise KeyError("deep")
    return await inner(n - 1)


async def main():
    await inner(3)


try:
    asyncio.run(main())
except KeyError as e:
    print("KeyError", e)


async def ok():
    return "again"


print(asyncio.run(ok()))
