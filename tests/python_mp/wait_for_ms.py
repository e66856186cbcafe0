# asyncio.wait_for_ms (MicroPython): a timeout in milliseconds.
import asyncio


async def slow(ms):
    await asyncio.sleep_ms(ms)
    return ms


async def main():
    print(await asyncio.wait_for_ms(slow(1), 1000))
    try:
        await asyncio.wait_for_ms(slow(5000), 20)
    except asyncio.TimeoutError:
        print("TimeoutError")


asyncio.run(main())
