def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# struct: byte orders, alignment in native mode, every integer width, pad and counts.
import struct
for fmt in ['<bBhHiIqQ', '>bBhHiIqQ', '!hH', '=iI', '<?xx?']:
    print(fmt, struct.calcsize(fmt))
vals = (-1, 255, -2, 65535, -3, 2**32 - 1, -4, 2**64 - 1)
print(struct.pack('<bBhHiIqQ', *vals).hex())
print(struct.unpack('>bBhHiIqQ', struct.pack('>bBhHiIqQ', *vals)) == vals)
print(struct.pack('<3h', 1, 2, 3), struct.unpack('<2s2p', b'ab\x01c'), struct.pack('<5s', b'ab'))
print(struct.pack('<f', 0.1).hex(), struct.unpack('<d', struct.pack('<d', -2.5)), struct.pack('<e', 1.0))
print(struct.pack('<?', 0), struct.pack('<?', 'x'), struct.unpack('<??', b'\x00\x05'))
t(lambda: struct.pack('<B', 256))
t(lambda: struct.pack('<h', 1.5))
t(lambda: struct.pack('<2h', 1))
t(lambda: struct.unpack('<i', b'\x00'))
