# from module import * binds public names only.
from helper_mod import *
print(greet("star"), GREETING, Widget(2))
print("_private" in globals(), "greet" in globals(), "counter" in globals())
