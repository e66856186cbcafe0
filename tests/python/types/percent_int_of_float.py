# %d, %i and %u of a float take its integer part exactly, however large, and a NaN or an
# infinity raises what int() raises.
print("%d" % 1e30)
print("%i|%u" % (-1e20, 2.0 ** 70))
print("%d %d %d" % (-2.5, 2.9, -0.0))
print("%5d|%-6i|%+d" % (7.9, -3.1, 1e19))
for bad in (float("nan"), float("inf"), -float("inf")):
    try:
        print("%d" % bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for fmt in ("%x", "%o", "%X", "%c"):
    try:
        print(fmt % 3.0)
    except TypeError as e:
        print("TypeError", e)
for fmt in ("%d", "%i", "%x"):
    try:
        print(fmt % "7")
    except TypeError as e:
        print("TypeError", e)
