# current_task() is the running task, in the main coroutine and in created tasks.
import asyncio

seen = {}


async def child(name):
    seen[name] = asyncio.current_task()
    await asyncio.sleep(0)
    return asyncio.current_task() is seen[name]


async def main():
    me = asyncio.current_task()
    t = asyncio.create_task(child("c"))
    print(await t, seen["c"] is t, me is not t)
    print(asyncio.current_task() is me)
    r = await asyncio.gather(child("x"), child("y"))
    print(r, seen["x"] is not seen["y"], seen["x"] is not me)


asyncio.run(main())
