# Name resolution: local, enclosing, global, builtin (LEGB) and UnboundLocalError.
x = "global"
def f():
    x = "enclosing"
    def g():
        return x
    return g()
print(f())
def shadow_builtin():
    len = lambda s: "shadowed"
    return len("abc")
print(shadow_builtin(), len("abc"))
def unbound():
    try:
        print(x)
    except UnboundLocalError as e:
        print(type(e).__name__)
    x = "local"
    return x
print(unbound())
def read_global():
    return x
print(read_global())
def nested_def_late():
    def inner():
        return later
    later = "assigned after def"
    return inner()
print(nested_def_late())
