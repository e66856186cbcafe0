# struct.pack_into, unpack_from (offsets, keywords, negative offsets) and iter_unpack.
import struct


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


buf = bytearray(10)
print(struct.pack_into('<hI', buf, 2, -2, 0xdeadbeef), buf)
struct.pack_into('>h', buf, -2, 258)
print(buf)
print(struct.unpack_from('<hI', buf, 2), struct.unpack_from('<h', buf))
print(struct.unpack_from('<h', b'abc', offset=1), struct.unpack_from('<h', buffer=b'abc'))
print(struct.unpack_from('<h', b'abcd', -2))
t(lambda: struct.unpack_from('<i', b'ab'))
t(lambda: struct.unpack_from('<i', b'abcdef', 4))
t(lambda: struct.unpack_from('<i', b'abcdef', -1))
t(lambda: struct.unpack_from('<i', b'abcdef', -10))
t(lambda: struct.pack_into('<i', bytearray(5), 2, 1))
t(lambda: struct.pack_into('<i', bytearray(5), -10, 1))
t(lambda: struct.pack_into('<i', bytearray(5), -2, 1))
t(lambda: struct.pack_into('<i', b'12345', 0, 1))
t(lambda: struct.pack_into('<hh', bytearray(8), 0, 1))
t(lambda: struct.pack_into('<hh', bytearray(8)))
it = struct.iter_unpack('<hB', b'\x01\x00\x02\x03\x00\x04')
print([x for x in it])
print(list(struct.iter_unpack('>H', b'\x00\x01\x00\x02')))
t(lambda: list(struct.iter_unpack('<i', b'abcde')))
t(lambda: list(struct.iter_unpack('', b'abcde')))
try:
    import ustruct  # MicroPython's name; CPython has only struct
except ImportError:
    import struct as ustruct
print(ustruct.pack('<H', 513), ustruct.calcsize('<H'))
