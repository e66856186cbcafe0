# math: gcd, factorial, isnan, isinf, isfinite, fmod, modf, frexp, ldexp, isclose.
import math
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-4, 6), math.gcd(2 ** 100, 2 ** 80 * 3))
print(math.factorial(0), math.factorial(5), math.factorial(20), math.factorial(25))
try:
    math.factorial(-1)
except ValueError as e:
    print(type(e).__name__, e)
print(math.isnan(math.nan), math.isnan(1.0), math.isinf(math.inf), math.isinf(-math.inf), math.isinf(1e308))
print(math.isfinite(1.0), math.isfinite(math.nan), math.isfinite(math.inf))
print(math.fmod(7, 3), math.fmod(-7, 3), math.modf(2.5), math.modf(-2.5))
print(math.frexp(8.0), math.ldexp(0.5, 4), math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1))
print(math.inf > 10 ** 100, math.floor(math.pi * 1000))
