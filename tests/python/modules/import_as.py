# import x as z.
import helper_mod as h
import math as m, sys as system
print(h.greet("alias"), h.__name__, m.sqrt(16), type(system.argv).__name__)
import helper_mod
print(h is helper_mod)
def inner():
    import helper_mod as local_alias
    return local_alias.GREETING
print(inner(), "local_alias" in globals())
