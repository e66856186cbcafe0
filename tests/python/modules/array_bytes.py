def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# array <-> bytes: tobytes, frombytes, construction from bytes, little-endian layout.
from array import array
a = array('H', [1, 258, 65535])
print(a.tobytes(), array('H', a.tobytes()) == a)
b = array('h')
b.frombytes(b'\x01\x00\xff\xff')
print(b, array('i', b'\x01\x00\x00\x00\x00\x00\x00\x80'), array('B', bytearray(b'ab')))
print(array('d', array('d', [0.1]).tobytes()), array('f', [1.5]).tobytes())
t(lambda: array('i', b'abc'))
t(lambda: b.frombytes(b'\x01'))
t(lambda: b.frombytes('ab'))
