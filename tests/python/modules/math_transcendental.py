# math: trig, exp, log, pow, hypot (rounded to keep outputs portable).
import math
def r(x):
    return round(x, 12)
print(r(math.sin(0)), r(math.sin(math.pi / 2)), r(math.cos(0)), r(math.cos(math.pi)), r(math.tan(math.pi / 4)))
print(r(math.asin(1)), r(math.acos(1)), r(math.atan(1)), r(math.atan2(1, 1)), r(math.atan2(-1, -1)))
print(r(math.exp(0)), r(math.exp(1)), r(math.exp(-1)), r(math.log(math.e)), r(math.log(1)))
print(r(math.log(100, 10)), r(math.log10(1000)), r(math.log2(1024)), r(math.log(8, 2)))
print(math.pow(2, 10), math.pow(2, 0.5) == math.sqrt(2), math.pow(4, -1))
print(math.hypot(3, 4), math.hypot(5, 12), r(math.degrees(math.pi)), r(math.radians(180)))
print(r(math.sinh(1)), r(math.cosh(0)), r(math.tanh(0)))
try:
    math.log(0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    math.log(-1)
except ValueError as e:
    print(type(e).__name__, e)
print(math.exp(1000) if False else "exp overflow:", end=" ")
try:
    math.exp(1000)
except OverflowError as e:
    print(type(e).__name__, e)
