# asyncio: `await asyncio.sleep(0)` round trips through the scheduler, one task (200,000).
import asyncio

N = 200_000


async def spin(n):
    for _ in range(n):
        await asyncio.sleep(0)
    return n


print(asyncio.run(spin(N)))
