# math functions on special values: inf, nan, negative zero, huge and tiny floats.
import math
inf, nan = math.inf, math.nan
print(math.floor(-0.0), math.copysign(1.0, -0.0), math.copysign(1.0, 0.0), math.fabs(-0.0))
print(math.sqrt(inf), math.exp(-inf), math.atan(inf) == math.pi / 2, math.isnan(math.sqrt(nan)))
print(math.isinf(math.exp(709) * 10), math.exp(-1000), math.log(inf))
for f in (math.floor, math.ceil, math.trunc):
    try:
        f(inf)
    except OverflowError as e:
        print(f.__name__, type(e).__name__)
    try:
        f(nan)
    except ValueError as e:
        print(f.__name__, type(e).__name__)
print(math.floor(1e300) == 10 ** 300 or math.floor(1e300) == int(1e300), math.ceil(5e-324))
print(math.hypot(inf, nan), math.hypot(-inf, 1.0), math.fmod(5.5, inf))
print(math.gcd(0, 0), math.factorial(1), math.pow(0.0, 0.0), math.pow(-2.0, 3.0))
try:
    math.pow(-8.0, 1 / 3)
except ValueError as e:
    print(type(e).__name__, e)
