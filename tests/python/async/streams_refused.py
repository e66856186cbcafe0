# open_connection to a closed port raises ConnectionRefusedError (an OSError, ECONNREFUSED).
import asyncio
import errno
import socket

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()


async def main():
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except OSError as e:
        print(type(e).__name__, e.errno == errno.ECONNREFUSED)
    try:
        await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 1)
    except ConnectionRefusedError:
        print("refused again")


asyncio.run(main())
