# args, str and repr of builtin exception instances.
for e in [ValueError(), ValueError("one"), ValueError("a", 2), ValueError(None), ValueError(5),
          OSError(5, "I/O error"), StopIteration(7), SystemExit(), SystemExit(2)]:
    print(type(e).__name__, repr(str(e)), e.args, repr(e))
print(StopIteration(7).value, SystemExit(2).code, SystemExit().code)
e = OSError(5, "I/O error")
print(e.errno, e.strerror)
e = ValueError("x")
e.extra = "attached"
print(e.extra)
e.args = ("changed",)
print(e)
print(isinstance(e, BaseException), Exception("a") == Exception("a"))
