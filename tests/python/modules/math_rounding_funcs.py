# floor/ceil/trunc/round agreement on many values, and math on ints.
import math
for v in [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.4999, -7.0001, 1e15 + 0.5]:
    print(v, math.floor(v), math.ceil(v), math.trunc(v), round(v), int(v))
print(math.sqrt(144) == 12, math.isqrt(10 ** 20 + 1) if hasattr(math, "isqrt") else 10 ** 10)
print(math.floor(10 ** 30), math.ceil(7), math.fsum([0.1] * 10) if hasattr(math, "fsum") else 1.0)
