# Portable parts of the sys module.
import sys
print(type(sys.argv).__name__, len(sys.argv) >= 1, isinstance(sys.argv[0], str))
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print(sys.maxsize > 2 ** 30, sys.maxsize == 2 ** 31 - 1 or sys.maxsize == 2 ** 63 - 1)
print(sys.version_info[0] == 3, sys.version_info[0], type(sys.version).__name__)
print(isinstance(sys.implementation.name, str))
print(sys.byteorder in ("little", "big"))
print(type(sys.modules).__name__, "sys" in sys.modules)
sys.stdout.write("written via sys.stdout\n")
print(hasattr(sys, "exit"), hasattr(sys.stdout, "write"))
