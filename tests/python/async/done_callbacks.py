# add_done_callback: called with the task once it is done (also when added afterwards).
import asyncio

log = []


async def work(v):
    await asyncio.sleep(0)
    return v


async def main():
    t = asyncio.create_task(work(7))
    t.add_done_callback(lambda task: log.append(("cb1", task.result())))
    t.add_done_callback(lambda task: log.append(("cb2", task.done())))
    await t
    await asyncio.sleep(0)
    t.add_done_callback(lambda task: log.append(("late", task.result())))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log)


asyncio.run(main())
