# struct: every standard-size format character packs and unpacks back, little and big endian.
import struct
values = {"c": b"z", "b": -5, "B": 250, "?": True, "h": -1234, "H": 54321, "i": -123456,
          "I": 3000000000, "l": -7, "L": 7, "q": -2 ** 62, "Q": 2 ** 63, "e": 0.5,
          "f": 1.25, "d": -1e-300, "s": b"str", "p": b"pas", "x": None}
for code, v in values.items():
    for order in "<>":
        fmt = order + ("3" + code if code in "sp" else code)
        args = () if code == "x" else (v,)
        data = struct.pack(fmt, *args)
        print(fmt, struct.calcsize(fmt), data.hex(), struct.unpack(fmt, data))
print(struct.pack("<2c", b"a", b"b"), struct.unpack("<?", b"\x02"), struct.pack("<e", 65504.0).hex())
try:
    struct.pack("<e", 1e6)
except OverflowError as e:
    print(type(e).__name__)
try:
    struct.pack("<c", b"ab")
except struct.error as e:
    print("error", e)
