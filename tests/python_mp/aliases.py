# MicroPython's u-prefixed module names are the same modules.
import asyncio
import select
import socket
import uasyncio
import uselect
import usocket

print(uasyncio is asyncio, usocket is socket, uselect is select)
print(uasyncio.run is asyncio.run, uasyncio.Event is asyncio.Event)
