# Tasks run in the order they were created, interleaving at every await of sleep(0).
import asyncio

log = []


async def worker(name, n):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)
    return name


async def main():
    tasks = [asyncio.create_task(worker(c, 3)) for c in "abc"]
    log.append("created")
    await asyncio.sleep(0)
    log.append("main resumed")
    for t in tasks:
        print(await t, t.done())
    print(log)


asyncio.run(main())
