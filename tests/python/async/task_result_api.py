# Task.done/result/exception before and after completion; awaiting a finished task again.
import asyncio


async def value():
    await asyncio.sleep(0)
    return 42


async def boom():
    await asyncio.sleep(0)
    raise ZeroDivisionError("nope")


async def main():
    t = asyncio.create_task(value())
    print(t.done())
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError", e)
    print(await t, await t, t.result(), t.exception())
    b = asyncio.create_task(boom())
    try:
        await b
    except ZeroDivisionError as e:
        print("awaited:", e)
    print(type(b.exception()).__name__, b.done(), b.cancelled())
    try:
        b.result()
    except ZeroDivisionError as e:
        print("result():", e)


asyncio.run(main())
