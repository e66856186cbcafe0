# Exceptions inside tasks reach whoever awaits them, with __context__ kept; a task's
# try/except around awaits behaves as in synchronous code.
import asyncio


async def fails():
    await asyncio.sleep(0)
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("wrapped") from e


async def handles():
    try:
        await fails()
    except RuntimeError as e:
        return "handled %s (cause %s)" % (e, type(e.__cause__).__name__)


async def main():
    print(await handles())
    t = asyncio.create_task(fails())
    try:
        await t
    except RuntimeError as e:
        print("task raised", e, type(e.__cause__).__name__)
    r = await asyncio.gather(fails(), handles(), return_exceptions=True)
    print([type(x).__name__ for x in r])


asyncio.run(main())
