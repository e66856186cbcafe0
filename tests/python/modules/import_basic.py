# import of a helper module beside the program.
import helper_mod
print(helper_mod.GREETING, helper_mod.greet("world"))
print(helper_mod.bump(), helper_mod.bump(), helper_mod.counter)
w = helper_mod.Widget(3)
print(w, type(w).__name__, w.size)
helper_mod.GREETING = "hi"
print(helper_mod.greet("again"))
print(type(helper_mod).__name__, helper_mod.__name__)
