# readline assembles lines split across writes and returns several lines from one write.
import asyncio


async def serve(reader, writer):
    for piece in (b"par", b"tial ", b"line\nsecond", b" line\nthird\nfourth", b"\n"):
        writer.write(piece)
        await writer.drain()
        await asyncio.sleep(0.01)
    writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    lines = []
    while True:
        line = await r.readline()
        if not line:
            break
        lines.append(line)
    print(lines)
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
