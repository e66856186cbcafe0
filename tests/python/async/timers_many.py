# Many timers given in shuffled order complete in deadline order (25 ms apart, so that a
# slow start of the later tasks cannot reorder them).
import asyncio

done = []


async def at(ms):
    await asyncio.sleep(ms / 1000)
    done.append(ms)


async def main():
    delays = [(i * 7) % 20 * 25 for i in range(20)]
    await asyncio.gather(*(at(d) for d in delays))
    print(done == sorted(delays), len(done), done[:5], done[-3:])


asyncio.run(main())
