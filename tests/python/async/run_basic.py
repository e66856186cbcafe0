# asyncio.run: the coroutine's value, nested awaits, and a non-coroutine argument.
import asyncio


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


async def main():
    x = await add(1, 2)
    y = await add(x, 10)
    return [x, y]


print(asyncio.run(main()))
print(asyncio.run(add(5, 6)))
for bad in (1, None, main):
    try:
        asyncio.run(bad)
    except ValueError as e:
        print("ValueError", str(e).split(" got")[0])
c = main()
print(asyncio.run(c))
try:
    asyncio.run(c)
except RuntimeError as e:
    print("RuntimeError", e)
