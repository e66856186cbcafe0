# binascii: hexlify separators, base64 newline handling, crc32 chaining, errors.
import binascii
print(binascii.hexlify(b"\x01\xab\xff"), binascii.hexlify(b"abcdef", "-"), binascii.hexlify(b"abcdef", b":", 2))
print(binascii.unhexlify("0aFF"), binascii.unhexlify(b"7071"), binascii.a2b_hex("00"))
print(binascii.b2a_base64(b"hi"), binascii.b2a_base64(b"hello world", newline=False))
print(binascii.a2b_base64("aGVsbG8="), binascii.a2b_base64(b"aGk=\n"), binascii.a2b_base64(""))
c = binascii.crc32(b"hello ")
print(c, binascii.crc32(b"world", c), binascii.crc32(b"hello world"), binascii.crc32(b""))
for bad in [lambda: binascii.unhexlify("abc"), lambda: binascii.unhexlify("zz"),
            lambda: binascii.a2b_base64("a")]:
    try:
        bad()
    except (ValueError, binascii.Error) as e:
        print(type(e).__name__)
print(binascii.Error.__name__, issubclass(binascii.Error, ValueError))
