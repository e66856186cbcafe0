# struct s, p, x and counts; pack_into, unpack_from with offsets; iter_unpack.
import struct
print(struct.pack("5s", b"ab"), struct.pack("2s", b"abcd"), struct.pack("0s", b"x"))
print(struct.pack("<3xB2x", 7), struct.unpack("<3xB2x", b"\0\0\0\x07\0\0"))
print(struct.pack("<4B", 1, 2, 3, 4), struct.unpack("<2H", b"\x01\x00\x02\x00"))
print(struct.pack("<h3sI", -1, b"xyz", 9))
buf = bytearray(12)
struct.pack_into("<HI", buf, 2, 0xBEEF, 0xDEADBEEF)
print(buf.hex())
print(struct.unpack_from("<I", buf, 4), struct.unpack_from("<H", buf, offset=2))
print(struct.unpack_from("<H", memoryview(buf), 2))
print(list(struct.iter_unpack("<Hb", bytes(range(9)))))
for bad in [lambda: struct.pack("<H", 70000), lambda: struct.pack("<b", 128),
            lambda: struct.unpack("<I", b"abc"), lambda: struct.pack("<Z", 1),
            lambda: struct.pack_into("<I", bytearray(3), 0, 1),
            lambda: struct.unpack_from("<I", b"abcd", 2), lambda: struct.pack("<2H", 1),
            lambda: list(struct.iter_unpack("<H", b"abc"))]:
    try:
        bad()
    except struct.error as e:
        print("error", e)
