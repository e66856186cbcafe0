# struct's errors: struct.error with CPython's messages, and the TypeErrors.
import struct


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(struct.error.__mro__[1:], issubclass(struct.error, Exception))
for fmt, v in [('<b', 200), ('<B', -1), ('<h', 40000), ('<H', -1), ('<i', 2**31),
               ('<I', -1), ('<I', 2**32), ('<l', -2**31 - 1), ('<L', 2**32), ('<q', 2**63),
               ('<Q', -1), ('<q', 2**70), ('<b', 'x'), ('<f', 'x'), ('<i', 1.5),
               ('<e', 1e6), ('>f', 1e300), ('<c', b'ab'), ('<c', 1), ('<s', 1),
               ('<n', 1), ('<P', 1), ('<y', 1), ('<3', 1), (' <i', 1), ('<2 i', 1)]:
    t(lambda: struct.pack(fmt, v))
t(lambda: struct.pack('<hh', 1))
t(lambda: struct.pack('<h', 1, 2))
t(lambda: struct.pack())
t(lambda: struct.pack(1))
t(lambda: struct.calcsize('<99999999999999999999i'))
t(lambda: struct.unpack('<h'))
t(lambda: struct.unpack('<i', b'ab'))
t(lambda: struct.unpack('<h', 'ab'))
t(lambda: struct.unpack('<h', 5))
t(lambda: struct.pack('<d', '1'))
try:
    struct.pack('<B', 256)
except struct.error as e:
    print('caught', e.args)
