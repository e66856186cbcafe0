# await inside expressions: operands, arguments, conditions, subscripts, f-strings, returns.
import asyncio


async def val(x):
    await asyncio.sleep(0)
    return x


async def main():
    a = await val(2) + await val(3) * await val(4)
    b = [await val(1), await val(2)]
    c = {await val("k"): await val("v")}
    d = max(await val(5), await val(9))
    e = (await val([10, 20, 30]))[await val(1)]
    f = f"{await val('x')}-{await val(7)}"
    g = "yes" if await val(True) else "no"
    h = not await val(False)
    while await val(0):
        pass
    return [a, b, c, d, e, f, g, h]


print(asyncio.run(main()))
