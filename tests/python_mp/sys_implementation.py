# sys.implementation is a named tuple (name, version, _machine) as MicroPython's.
import sys
impl = sys.implementation
print(impl.name, impl.version, impl[0] == impl.name, len(impl))
print(impl._machine.endswith('with mote'), type(impl.version) is tuple)
print(repr(impl).startswith("implementation(name='mote', version=(0, 1, 0), _machine="))
