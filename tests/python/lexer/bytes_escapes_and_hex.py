# Bytes escapes round-tripped through hex and list.
b = b"\x00\x10\x7f\x80\xfe\xff"
print(b.hex())
print(list(b))
print(bytes.fromhex("00 10 7f"), bytes.fromhex("deadbeef"))
print(b"\n\r\t\\\'\"")
print(repr(b"\n\r\t"))
print(b"\x41" == b"A", b"\101" == b"A")
print(len(b"\\x41"))
print(bytes(range(65, 70)))
