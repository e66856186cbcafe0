# The event loop object: run_until_complete, create_task, run_forever with stop, close.
import asyncio

log = []


async def job(n):
    await asyncio.sleep(0)
    log.append(n)
    return n * 10


async def stopper(loop):
    await asyncio.sleep(0.01)
    log.append("stopping")
    loop.stop()


loop = asyncio.new_event_loop()
print(loop.run_until_complete(job(1)))
t = loop.create_task(job(2))
print(loop.run_until_complete(t), t.done())
loop.create_task(job(3))
loop.create_task(stopper(loop))
loop.run_forever()
print(log)
loop.close()
