# User-defined exception classes with args, attributes and custom __str__.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name, code=404):
        super().__init__(name, code)
        self.name = name
        self.code = code
    def __str__(self):
        return "%s not found (code %d)" % (self.name, self.code)
class Plain(AppError):
    pass
try:
    raise NotFound("page")
except AppError as e:
    print(type(e).__name__, e, e.args, e.name, e.code, repr(str(e)))
try:
    raise Plain("a", "b")
except Plain as e:
    print(e, e.args, repr(e))
try:
    raise Plain()
except Plain as e:
    print(repr(str(e)), e.args, repr(e))
try:
    raise Plain("single")
except Exception as e:
    print(str(e), repr(e))
print(issubclass(NotFound, Exception), isinstance(NotFound("x"), AppError))
class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr!"
print(repr(WithRepr()), str(WithRepr("s")))
class Rich(ValueError):
    def __init__(self, value):
        self.value = value
        super().__init__("bad value: %r" % (value,))
try:
    raise Rich([1])
except ValueError as e:
    print(e, e.value)
