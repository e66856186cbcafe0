# Server as an async context manager; get_extra_info('peername') on both sides.
import asyncio


async def main():
    peers = []

    async def handle(reader, writer):
        peers.append(writer.get_extra_info("peername")[0])
        writer.write(await reader.read(100))
        await writer.drain()
        writer.close()

    async with await asyncio.start_server(handle, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        r, w = await asyncio.open_connection("127.0.0.1", port)
        print(w.get_extra_info("peername") == ("127.0.0.1", port))
        w.write(b"echo me")
        print(await r.read(100))
        w.close()
        await w.wait_closed()
    print(peers)


asyncio.run(main())
