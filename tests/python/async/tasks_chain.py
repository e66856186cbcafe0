# Tasks that create and await other tasks, several levels deep, and share results.
import asyncio


async def leaf(n):
    await asyncio.sleep(0)
    return n


async def node(depth, n):
    if depth == 0:
        return await leaf(n)
    left = asyncio.create_task(node(depth - 1, 2 * n))
    right = asyncio.create_task(node(depth - 1, 2 * n + 1))
    return await left + await right


async def main():
    print(await node(5, 1))
    shared = asyncio.create_task(leaf("shared"))
    print(await asyncio.gather(shared, shared, shared))


asyncio.run(main())
