# inf and nan behaviour.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, repr(inf), repr(nan))
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan)
print(inf + 1, inf - inf, inf * 0, inf * -1)
print(nan + 1, nan * 0, nan > 0, nan < 0)
print(float("-inf"), float("Infinity"), float("-nan"), float("INF"))
print(1 / inf, -1 / inf)
print(max(1.0, inf), min(1.0, -inf))
print(inf == float("inf"), 10 ** 400 < inf)
try:
    int(inf)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(nan)
except ValueError as e:
    print(type(e).__name__, e)
print(nan is nan, [nan] == [nan])
print(str(-inf), f"{inf:f}", f"{nan:.2f}")
