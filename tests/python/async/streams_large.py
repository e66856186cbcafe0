# A large transfer through asyncio streams arrives whole (writes larger than socket buffers
# are drained as the peer reads).
import asyncio

N = 300000


async def sink(reader, writer):
    n = int(await reader.readline())
    total = 0
    check = 0
    while total < n:
        d = await reader.read(8192)
        if not d:
            break
        total += len(d)
        check = (check + sum(d)) % 65521
    writer.write(b"%d %d\n" % (total, check))
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(sink, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    data = bytes(range(256)) * (N // 256)
    w.write(b"%d\n" % len(data))
    w.write(data)
    await w.drain()
    print(len(data), sum(data) % 65521)
    print(await r.readline())
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
