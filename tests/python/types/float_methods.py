# float methods: as_integer_ratio, hex, fromhex, is_integer, conjugate.
print((0.5).as_integer_ratio(), (0.75).as_integer_ratio(), (-2.0).as_integer_ratio())
print((0.1).as_integer_ratio())
print((1.0).hex(), (0.5).hex(), (-3.25).hex())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"))
print((3.0).is_integer(), (3.1).is_integer())
print((2.5).real, (2.5).imag, (2.5).conjugate())
print(hash(1.0) == hash(1), hash(2.5) == hash(2.5), hash(0.0) == hash(-0.0))
import math
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5))
