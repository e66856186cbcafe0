# struct.pack / unpack for every standard format code, both byte orders, and calcsize.
import struct

for fmt, vals in [
    ('<bBhHiIlLqQ', (-1, 255, -300, 65535, -70000, 4000000000, -5, 7, -2**63, 2**64 - 1)),
    ('>bBhHiIlLqQ', (-1, 255, -300, 65535, -70000, 4000000000, -5, 7, -2**63, 2**64 - 1)),
    ('!hI', (258, 16909060)),
    ('=hi', (1, 2)),
    ('<?c', (True, b'z')),
    ('<3s', (b'abcdef',)),
    ('<5s', (b'ab',)),
    ('<4p', (b'abcdef',)),
    ('<2x3s', (b'a',)),
    ('<fdE'.replace('E', 'e'), (1.5, -2.25, 0.333)),
    ('>d', (float('inf'),)),
    ('<0s', (b'',)),
    ('< h h', (1, 2)),
    ('<3h', (1, 2, 3)),
]:
    b = struct.pack(fmt, *vals)
    print(fmt, b.hex(), struct.calcsize(fmt), struct.unpack(fmt, b))

print(struct.unpack('<?', b'\x02'), struct.pack('<?', []), struct.pack('<?', 'x'))
print(struct.pack(b'<h', 1), struct.unpack('<i', bytearray(b'abcd')))
print(struct.unpack('<e', b'\x00\x7c'), struct.unpack('<e', b'\x01\x00')[0] * 2**24)
print(struct.pack('<e', 65519.0), struct.pack('<e', 6e-8), struct.pack('<e', -0.0))
print(struct.pack('<i', True), struct.pack('<Q', 2**40))
for fmt in ['bi', '@bi', '=bi', '<bi', 'bhbi', 'c3sh', 'xxh', '@hbxq']:
    print(fmt, struct.calcsize(fmt))
print(struct.pack('@bi', 1, 2).hex(), struct.pack('@hq', 1, 2).hex())
print(struct.unpack('@bxxxi', struct.pack('@bi', 7, -9)))
