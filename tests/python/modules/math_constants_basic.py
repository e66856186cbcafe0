# math: constants, sqrt, floor, ceil, trunc, fabs, copysign.
import math
print(math.pi, math.e, math.inf, -math.inf, math.nan != math.nan)
print(math.tau if hasattr(math, "tau") else 2 * math.pi)
print(math.sqrt(16), math.sqrt(2), math.sqrt(0.25), math.sqrt(10 ** 20))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.floor(5), math.ceil(-0.5))
print(type(math.floor(2.5)).__name__, math.trunc(2.9), math.trunc(-2.9))
print(math.fabs(-3), math.fabs(2.5), math.copysign(3, -0.0), math.copysign(-2, 1))
try:
    math.sqrt(-1)
except ValueError as e:
    print(type(e).__name__, e)
print(math.floor(1e20), math.ceil(-1e20))
