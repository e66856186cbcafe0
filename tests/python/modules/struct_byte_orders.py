# struct byte orders and sizes: native, <, >, !, = for every integer code.
import struct
for order in "<>!=":
    for code in "bBhHiIlLqQ":
        fmt = order + code
        n = struct.calcsize(fmt)
        v = 1 if code.isupper() else -2
        data = struct.pack(fmt, v)
        print(fmt, n, data.hex(), struct.unpack(fmt, data))
print(struct.pack("<?", 5), struct.pack(">e", 1.5).hex(), struct.pack("<f", -0.25).hex())
print(struct.pack(">d", 1e100).hex(), struct.unpack("<d", struct.pack("<d", -2.5)))
print(struct.calcsize("<ihq"), struct.calcsize(">bxxh"), struct.calcsize("!3s2x"))
