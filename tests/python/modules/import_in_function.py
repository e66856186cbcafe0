# import inside functions binds local names; the module is cached globally.
import sys
def use_math():
    import math
    return math.floor(2.5)
print(use_math(), "math" in sys.modules)
def use_helper():
    from helper_mod import greet
    return greet("fn")
print(use_helper(), "greet" in globals())
def conditional(flag):
    if flag:
        import helper_mod as hm
        return hm.GREETING
    return None
print(conditional(True), conditional(False))
