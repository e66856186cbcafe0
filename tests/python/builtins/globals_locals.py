# globals() and locals().
g_value = 10
print(globals()["g_value"], "g_value" in globals(), globals()["__name__"])
globals()["made_here"] = "via globals"
print(made_here)
def f(a, b=2):
    c = a + b
    return sorted(locals().items())
print(f(1))
def g():
    x = 1
    loc = locals()
    return "x" in loc, "g_value" in loc
print(g())
print(type(globals()).__name__, locals() is globals())
