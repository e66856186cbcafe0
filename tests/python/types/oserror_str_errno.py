# str() of an OSError with errno and strerror is "[Errno E] S" with str() of each, whatever
# their types.
print(str(OSError(2, "No such file or directory")))
print(str(OSError("x", "y")))
print(str(OSError(True, "t")))
print(str(OSError(None, 5)))
print(str(OSError(2 ** 70, "big")))
print(str(OSError(-1, ["a", 1])))
class Code:
    def __str__(self):
        return "code!"
print(str(OSError(Code(), Code())))
try:
    raise OSError(13, "Permission denied")
except OSError as e:
    print(e, e.args)
