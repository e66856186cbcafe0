#!/usr/bin/env python3
"""Writes the fuzz seeds: client byte streams as webrepl_cli.py and a browser send them.

Each connection seed starts with one byte that picks the read piece size (see
fuzz_targets/connection.rs). Run from this folder: python3 make_seeds.py
"""
import os
import struct

HANDSHAKE_CLI = (b"GET / HTTP/1.1\r\nHost: echo.websocket.org\r\nConnection: Upgrade\r\n"
                 b"Upgrade: websocket\r\nSec-WebSocket-Key: foo\r\n\r\n")
HANDSHAKE_BROWSER = (b"GET / HTTP/1.1\r\nHost: b\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                     b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")


def frame(opcode, payload, mask=None, fin=True):
    first = (0x80 if fin else 0) | opcode
    bit = 0x80 if mask else 0
    n = len(payload)
    if n < 126:
        head = bytes([first, bit | n])
    elif n < 65536:
        head = bytes([first, bit | 126]) + struct.pack(">H", n)
    else:
        head = bytes([first, bit | 127]) + struct.pack(">Q", n)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return head + mask + payload
    return head + payload


def request(kind, size, name):
    return struct.pack("<2sBBQLH64s", b"WA", kind, 0, 0, size, len(name), name)


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


put = request(1, 300, b"/main.py")
cli = (HANDSHAKE_CLI + frame(2, b"pass\r") + frame(2, request(3, 0, b""))
       + frame(2, put[:10]) + frame(2, put[10:]) + frame(2, bytes(range(256)))
       + frame(2, b"x" * 44) + frame(2, request(2, 0, b"/main.py")) + frame(2, b"\0") * 3
       + frame(1, b"print(6*7)\r\x03") + frame(8, b"\x03\xe8"))
mask = b"\x11\x22\x33\x44"
browser = (HANDSHAKE_BROWSER + b"".join(frame(1, bytes([c]), mask) for c in b"pass\r")
           + frame(1, b"1+2\r", mask) + frame(9, b"hi", mask)
           + frame(1, b"ab", mask, fin=False) + frame(0, b"c\r", mask)
           + frame(2, request(1, 5, b"a.txt"), mask) + frame(2, b"hello", mask)
           + frame(2, request(2, 0, b"../etc"), mask) + frame(8, b"", mask))
page = b"GET / HTTP/1.1\r\nHost: b\r\n\r\nHEAD / HTTP/1.1\r\nConnection: close\r\n\r\n"
auth = b"Authorization: Basic OnBhc3M=\r\n"  # ":pass"
files = (b"PUT /fs/lib/ HTTP/1.1\r\n" + auth + b"Content-Length: 0\r\n\r\n"
         + b"PUT /fs/lib/a%20b.py HTTP/1.1\r\n" + auth
         + b"X-Timestamp: 1700000000000\r\nContent-Length: 5\r\n\r\nhello"
         + b"GET /fs/lib HTTP/1.1\r\n" + auth + b"\r\n"
         + b"GET /fs/lib/a%20b.py HTTP/1.1\r\n" + auth + b"\r\n"
         + b"MOVE /fs/lib/a%20b.py HTTP/1.1\r\n" + auth + b"X-Destination: /fs/c.py\r\n\r\n"
         + b"DELETE /fs/c.py HTTP/1.1\r\n" + auth + b"\r\n"
         + b"GET /info HTTP/1.1\r\n" + auth + b"Connection: close\r\n\r\n")

for piece in (0, 7, 255):
    write("connection", "cli-%d" % piece, bytes([piece]) + cli)
    write("connection", "browser-%d" % piece, bytes([piece]) + browser)
write("connection", "page", b"\x00" + page)
write("connection", "files", b"\x03" + files)
write("frames", "cli", b"\x05" + cli[len(HANDSHAKE_CLI):])
write("frames", "browser", b"\x01" + browser[len(HANDSHAKE_BROWSER):])
write("frames", "request", b"\x00" + request(1, 1000, b"/app/x.py"))
write("frames", "head", b"\x00" + HANDSHAKE_CLI)
