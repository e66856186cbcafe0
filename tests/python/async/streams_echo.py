# asyncio streams: a start_server echo server and an open_connection client in one program.
import asyncio


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    print("server: connection from", peer[0])
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    print("server: client closed")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for word in (b"hello\n", b"mote\n", b"asyncio streams\n"):
        writer.write(word)
        await writer.drain()
        print("client got", await reader.readline())
    writer.write(b"abc")
    writer.write(b"def\n")
    await writer.drain()
    print(await reader.readexactly(4), await reader.readline())
    writer.close()
    await writer.wait_closed()
    await asyncio.sleep(0.05)
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
