# Many timers given in shuffled order complete in deadline order.
import asyncio

done = []


async def at(ms):
    await asyncio.sleep(ms / 1000)
    done.append(ms)


async def main():
    delays = [(i * 37) % 50 * 4 for i in range(50)]
    await asyncio.gather(*(at(d) for d in delays))
    print(done == sorted(delays), len(done), done[:5], done[-3:])


asyncio.run(main())
