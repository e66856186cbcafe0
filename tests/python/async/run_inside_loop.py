# asyncio.run cannot be called while a loop runs; asyncio exception types.
import asyncio


async def inner():
    return 1


async def main():
    c = inner()
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print("RuntimeError", e)
    print(await c)


asyncio.run(main())
print(asyncio.TimeoutError is TimeoutError)
print(issubclass(asyncio.InvalidStateError, Exception))
print(issubclass(asyncio.IncompleteReadError, EOFError))
