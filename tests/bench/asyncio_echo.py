# asyncio streams: 16 MiB echoed through a start_server echo server over loopback TCP, in
# 64 KiB writes, one connection.
import asyncio

TOTAL = 16 * 1024 * 1024
CHUNK = 64 * 1024


async def echo(reader, writer):
    while True:
        data = await reader.read(CHUNK)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    block = bytes(CHUNK)

    async def send():
        for _ in range(TOTAL // CHUNK):
            writer.write(block)
            await writer.drain()

    sender = asyncio.create_task(send())
    got = 0
    while got < TOTAL:
        data = await reader.read(CHUNK)
        if not data:
            break
        got += len(data)
    await sender
    writer.close()
    await writer.wait_closed()
    await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()
    return got


print(asyncio.run(main()))
