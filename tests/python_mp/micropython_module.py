# micropython.native/viper are no-op decorators; schedule runs the callback; opt_level
# remembers its level; const returns its argument.
import micropython


@micropython.native
def add(a, b):
    return a + b


@micropython.viper
def twice(x: int) -> int:
    return x * 2


print(add(2, 3), twice(21), add.__name__)
print(micropython.opt_level())
micropython.opt_level(3)
print(micropython.opt_level())
micropython.schedule(lambda arg: print('scheduled with', arg), 42)
print(micropython.const(7))
