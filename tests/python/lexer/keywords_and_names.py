# Identifiers: underscores, digits, unicode letters, soft keywords as names.
_private = 1
__dunder = 2
name_with_123 = 3
café = 4
match = 5
case = 6
_ = 7
print(_private, __dunder, name_with_123, café, match, case, _)
type_ = "t"
print(type_)
def print_(*a):
    return a
print(print_(1, 2))
π = 3.14
print(π)
True_ = False
print(True_)
print(None is None, True is not False)
