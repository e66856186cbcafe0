# __name__ of the main program and of imported modules.
print(__name__)
import helper_mod, loud_mod
print(helper_mod.__name__, loud_mod.__name__)
if __name__ == "__main__":
    print("running as main")
print(sorted(n for n in dir(helper_mod) if not n.startswith("__")))
print(hasattr(helper_mod, "greet"), getattr(helper_mod, "GREETING"))
helper_mod.added = "set from outside"
print(helper_mod.added)
