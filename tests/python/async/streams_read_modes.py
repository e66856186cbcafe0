# StreamReader: read(n), read() to EOF, readexactly short of data, readline at EOF.
import asyncio


async def serve(reader, writer):
    writer.write(b"line one\nline two\n0123456789")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    print(await r.readline())
    print(await r.readexactly(4))
    print(await r.readline())
    print(await r.read())
    print(await r.read(), await r.readline())
    w.close()
    await w.wait_closed()
    r, w = await asyncio.open_connection("127.0.0.1", port)
    try:
        await r.readexactly(100)
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", len(e.partial), e.expected, isinstance(e, EOFError))
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
