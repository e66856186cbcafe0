# A user exception hierarchy caught by base classes and tuples of user classes.
class AppError(Exception):
    code = 1
class NetError(AppError):
    code = 2
class Timeout(NetError):
    code = 3
class DiskError(AppError):
    code = 4
class NoInit(AppError):
    def __init__(self):
        self.detail = "no super().__init__ call"
def raise_it(cls):
    raise cls()
for cls in (AppError, NetError, Timeout, DiskError):
    try:
        raise_it(cls)
    except (Timeout, DiskError) as e:
        print(cls.__name__, "caught by tuple", e.code)
    except NetError as e:
        print(cls.__name__, "caught as NetError", e.code)
    except AppError as e:
        print(cls.__name__, "caught as AppError", e.code)
try:
    raise NoInit()
except AppError as e:
    print(type(e).__name__, e.detail, e.args, repr(str(e)))
print([c.__name__ for c in Timeout.__mro__])
print(issubclass(Timeout, AppError), isinstance(Timeout(), NetError), issubclass(DiskError, NetError))
