# Binary files: bytes in and out, readinto, seek with every whence, tell.
data = bytes(range(256)) * 3
with open("blob.bin", "wb") as f:
    print(f.write(data))
    print(f.write(bytearray(b"tail")))
    print(f.tell())

with open("blob.bin", "rb") as f:
    head = f.read(4)
    print(head, f.tell())
    buf = bytearray(6)
    print(f.readinto(buf), buf)
    print(f.seek(250), f.read(8))
    print(f.seek(-4, 2), f.read())
    print(f.seek(0), f.seek(10, 1), f.read(2))
    f.seek(0)
    whole = f.read()
    print(len(whole), whole == data + b"tail")
    print(f.read(), f.read(10))

with open("blob.bin", "rb") as f:
    big = bytearray(2000)
    print(f.readinto(big), big[:3], big[-5:])

with open("lines.bin", "wb") as f:
    f.write(b"a\nbb\n\nccc")
with open("lines.bin", "rb") as f:
    print(f.readline(), f.readline(), f.readline(), f.readline(), f.readline())
with open("lines.bin", "rb") as f:
    print(list(f))
