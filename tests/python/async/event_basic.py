# Event: waiters all wake on set(); wait() returns at once while set; clear() re-arms.
import asyncio

log = []


async def waiter(ev, name):
    log.append(name + " waits")
    r = await ev.wait()
    log.append(name + " woke " + str(r))


async def main():
    ev = asyncio.Event()
    print(ev.is_set())
    tasks = [asyncio.create_task(waiter(ev, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    log.append("setting")
    ev.set()
    print(ev.is_set())
    await asyncio.gather(*tasks)
    print(await ev.wait())
    ev.clear()
    print(ev.is_set())
    t = asyncio.create_task(waiter(ev, "d"))
    await asyncio.sleep(0.01)
    log.append("d still waiting: " + str(not t.done()))
    ev.set()
    await t
    print(log)


asyncio.run(main())
