# One server, several concurrent clients; each gets its own replies.
import asyncio

served = []


async def handle(reader, writer):
    name = (await reader.readline()).strip()
    n = int(await reader.readline())
    for i in range(n):
        writer.write(b"%s %d\n" % (name, i))
        await writer.drain()
        await asyncio.sleep(0)
    served.append(name)
    writer.close()


async def client(port, name, n):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(name + b"\n" + str(n).encode() + b"\n")
    await w.drain()
    lines = []
    while True:
        line = await r.readline()
        if not line:
            break
        lines.append(line.decode().strip())
    w.close()
    return lines


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    results = await asyncio.gather(*(client(port, b"c%d" % i, i + 1) for i in range(4)))
    for lines in results:
        print(lines)
    print(sorted(served))
    server.close()
    await server.wait_closed()


asyncio.run(main())
