# asyncio.sleep_ms (MicroPython): millisecond sleeps order tasks by deadline.
import asyncio

order = []


async def at(ms, name):
    r = await asyncio.sleep_ms(ms)
    order.append((name, r))


async def main():
    await asyncio.gather(at(150, "late"), at(50, "early"), at(0, "now"))
    print(order)
    print(await asyncio.sleep_ms(1, "result"))


asyncio.run(main())
