def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# struct: pack_into/unpack_from with offsets, iter_unpack, the Struct-free API with memoryview.
import struct
buf = bytearray(12)
struct.pack_into('<hi', buf, 2, -5, 1000)
print(buf.hex(), struct.unpack_from('<hi', buf, 2), struct.unpack_from('<h', buf))
print(struct.unpack_from('<H', memoryview(buf)[2:]), [x for x in struct.iter_unpack('<H', b'\x01\x00\x02\x00')])
print(list(struct.iter_unpack('<bb', bytes(range(6)))))
t(lambda: struct.pack_into('<i', buf, 10, 1))
t(lambda: struct.unpack_from('<i', b'\x00' * 3))
t(lambda: list(struct.iter_unpack('<h', b'\x00' * 3)))
t(lambda: struct.calcsize('<z'))
print(issubclass(struct.error, Exception))
