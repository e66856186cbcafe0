# asyncio: `await asyncio.sleep(0)` round trips with 1,000 tasks (200 each, 200,000 in all).
import asyncio

TASKS = 1000
ROUNDS = 200


async def spin(n):
    for _ in range(n):
        await asyncio.sleep(0)
    return n


async def main():
    return sum(await asyncio.gather(*(spin(ROUNDS) for _ in range(TASKS))))


print(asyncio.run(main()))
