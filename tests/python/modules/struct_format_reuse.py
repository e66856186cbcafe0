# Formats alternating between calls, str and bytes of one text, a bad format between good ones,
# and a pack that runs Python (__bool__) packing with another format inside: each call
# packs by its own format.
import struct

for fmt in ['<HhI', '>HhI', '<HhI', b'<HhI', '<hhI', 'HhI', '=HhI']:
    b = struct.pack(fmt, 1, -2, 3)
    print(fmt, b, struct.unpack(fmt, b), struct.calcsize(fmt))

for fmt in ['<HhI', '<Hh#', '<HhI', '<3x', '<4sB', '<HhI']:
    try:
        print(fmt, struct.unpack(fmt, b'\x01\x00\xfe\xff\x03\x00\x00\x00'))
    except struct.error as e:
        print(fmt, 'error:', e)

class Nested:
    def __bool__(self):
        print('inner', struct.pack('>Q', 258), struct.unpack('<bb', b'\x01\xff'))
        return True

print(struct.pack('<H?I?', 7, Nested(), 7, Nested()))
print(struct.pack('<HhI', 1, -2, 3), struct.unpack('>Q', bytes(7) + b'\x09'))

for n in range(3):
    fmt = '<' + 'b' * (n + 30)
    print(len(fmt), struct.unpack(fmt, bytes(range(n + 30)))[-3:])
print(struct.pack('<q', -1), struct.pack('<h', -32768), struct.pack('<B', 255))
for fmt, v in [('<h', 32768), ('<B', -1), ('<b', 128), ('<I', -1), ('<H', 65536)]:
    try:
        struct.pack(fmt, v)
    except struct.error as e:
        print(fmt, v, 'error:', e)
print(struct.unpack('<bhi', b'\x80\x00\x80\x00\x00\x00\x80'))
