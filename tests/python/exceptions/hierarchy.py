# The builtin exception hierarchy, as issubclass results.
names = ["BaseException", "Exception", "ArithmeticError", "ZeroDivisionError", "OverflowError",
         "ValueError", "TypeError", "LookupError", "KeyError", "IndexError", "AttributeError",
         "NameError", "ImportError", "StopIteration", "RuntimeError", "MemoryError", "OSError",
         "NotImplementedError", "KeyboardInterrupt", "SystemExit", "AssertionError"]
classes = [eval(n) for n in names]
for n, c in zip(names, classes):
    row = [m for m, d in zip(names, classes) if d is not c and issubclass(c, d)]
    print(n, "<", row)
print(issubclass(UnboundLocalError, NameError), issubclass(RecursionError, RuntimeError))
print(issubclass(ModuleNotFoundError, ImportError), issubclass(GeneratorExit, Exception))
print(issubclass(StopAsyncIteration, Exception), issubclass(UnicodeError, ValueError))
print(issubclass(FileNotFoundError, OSError), issubclass(TimeoutError, OSError))
print(issubclass(bool, BaseException), isinstance(ValueError(), Exception))
