# Each module has its own globals; functions see their defining module's globals.
import helper_mod
GREETING = "main module greeting"
print(helper_mod.greet("x"))
print(GREETING)
def greet(name):
    return GREETING + " to " + name
print(greet("y"), helper_mod.greet is not greet)
helper_mod.counter = 41
print(helper_mod.bump())
