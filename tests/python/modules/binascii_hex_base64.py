# binascii: hexlify/unhexlify (with separators), base64 both ways, crc32, binascii.Error.
import binascii


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(binascii.Error.__mro__[1:3], issubclass(binascii.Error, ValueError))
data = b'\x01\xab\xff\x10\x20'
for args in [(), ('-',), (b':', 2), (':', -2), (':', 0), (':', 3), (':', -3)]:
    print(args, binascii.hexlify(data, *args))
print(binascii.hexlify(b'ab', sep='-'), binascii.hexlify(bytearray(b'ab')), binascii.hexlify(b''))
print(binascii.b2a_hex(b'ab'), binascii.a2b_hex('6162'))
t(lambda: binascii.hexlify(b'\x01', '::'))
t(lambda: binascii.hexlify(b'\x01', 1))
t(lambda: binascii.hexlify('ab'))
print(binascii.unhexlify('0aFF'), binascii.unhexlify(b'0aff'), binascii.unhexlify(''))
t(lambda: binascii.unhexlify('abc'))
t(lambda: binascii.unhexlify('zz'))
t(lambda: binascii.unhexlify('\xe90'))
t(lambda: binascii.unhexlify(5))
for d in [b'', b'h', b'he', b'hel', b'hello', bytes(range(256))[:40]]:
    e = binascii.b2a_base64(d)
    print(e, binascii.a2b_base64(e) == d, binascii.b2a_base64(d, newline=False))
t(lambda: binascii.b2a_base64('x'))
for s in ['aGVsbG8=', b'aGVs\nbG8=', 'aGVsbG8', 'aGVsb', 'a', 'aG!!Vs', 'aGVsbA==Zg==',
          '=aGVs', 'aGVsbA=x=', '\xe9', '']:
    t(lambda: binascii.a2b_base64(s))
t(lambda: binascii.a2b_base64('aGVsbG8=', strict_mode=True))
t(lambda: binascii.a2b_base64('aG!Vs', strict_mode=True))
t(lambda: binascii.a2b_base64('=aGVs', strict_mode=True))
t(lambda: binascii.a2b_base64('aGVsbA==Zg==', strict_mode=True))
print(binascii.crc32(b'hello'), binascii.crc32(b' world', binascii.crc32(b'hello')))
print(binascii.crc32(b''), binascii.crc32(b'a', -1), binascii.crc32(b'123456789'))
t(lambda: binascii.crc32('a'))
try:
    binascii.unhexlify('1')
except ValueError as e:
    print('ValueError caught:', type(e).__name__, e)
try:
    import ubinascii  # MicroPython's name
except ImportError:
    import binascii as ubinascii
print(ubinascii.hexlify(b'\x12'))
