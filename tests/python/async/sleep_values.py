# sleep returns its result argument; zero and negative delays only yield; timers fire in
# deadline order.
import asyncio

order = []


async def at(delay, name):
    await asyncio.sleep(delay)
    order.append(name)


async def main():
    print(await asyncio.sleep(0, "zero"), await asyncio.sleep(-1, "neg"), await asyncio.sleep(0.001))
    await asyncio.gather(at(0.15, "c"), at(0.05, "b"), at(0, "a"), at(0.25, "d"))
    print(order)


asyncio.run(main())
