# from x import y, several names, aliases, and names being copies of bindings.
from helper_mod import greet, Widget
from helper_mod import counter, bump
from helper_mod import GREETING as G
print(greet("a"), Widget(1), G)
print(bump(), counter)
import helper_mod
print(helper_mod.counter, counter)
try:
    from helper_mod import not_there
except ImportError as e:
    print(type(e).__name__)
from helper_mod import _private
print(_private)
