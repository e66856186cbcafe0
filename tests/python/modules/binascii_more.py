def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# binascii: crc32 chaining, hexlify separators, base64 newline and errors.
import binascii
print(binascii.crc32(b'hello world'), binascii.crc32(b'world', binascii.crc32(b'hello ')), binascii.crc32(b''))
print(binascii.hexlify(b'\x01\x02\x03\x04', ':'), binascii.hexlify(b'\xab\xcd', b' ', 1), binascii.hexlify(b'abcdef', '-', 2))
print(binascii.b2a_base64(b'hi', newline=False), binascii.b2a_base64(b''), binascii.a2b_base64('aGk='))
print(binascii.unhexlify('0aFF'), binascii.unhexlify(b''), binascii.a2b_base64(b'aG\nk='))
t(lambda: binascii.unhexlify('abc'))
t(lambda: binascii.unhexlify('zz'))
t(lambda: binascii.a2b_base64('a'))
print(issubclass(binascii.Error, ValueError))
