async def c():
    await d()
