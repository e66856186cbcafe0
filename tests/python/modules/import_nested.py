# A module importing another module; both share one module object.
import uses_helper_mod
import helper_mod
print(uses_helper_mod.twice("x"))
print(uses_helper_mod.helper_mod is helper_mod)
helper_mod.GREETING = "yo"
print(uses_helper_mod.twice("y"))
