# A module's body runs once; later imports reuse sys.modules.
import sys
print("loud_mod" in sys.modules)
import loud_mod
import loud_mod
from loud_mod import loads
import loud_mod as again
print(loud_mod is again, "loud_mod" in sys.modules, sys.modules["loud_mod"] is loud_mod)
loud_mod.loads += 1
import loud_mod
print(loud_mod.loads, loads)
def f():
    import loud_mod
    return loud_mod.loads
print(f())
