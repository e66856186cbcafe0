# Function attributes: __name__, __qualname__, __doc__, __defaults__, __kwdefaults__, __module__.
def plain(a, b=2, *args, c, d=4, **kw):
    """Adds things.

    More text here.
    """
    return a
print(plain.__name__, plain.__qualname__, plain.__module__)
print(plain.__defaults__, plain.__kwdefaults__)
print(plain.__doc__.splitlines()[0], len(plain.__doc__.splitlines()))
def nodefaults(x):
    return x
print(nodefaults.__defaults__, nodefaults.__kwdefaults__, nodefaults.__doc__)
class K:
    def method(self):
        "method doc"
    class Inner:
        def deep(self):
            pass
print(K.method.__qualname__, K.Inner.deep.__qualname__, K.method.__doc__, K().method.__name__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__, (lambda: 0).__name__, (lambda: 0).__qualname__)
def notdoc():
    x = 1
    "not a docstring"
    return x
print(notdoc.__doc__)
def f(x=[]):
    x.append(1)
    return x
f(); f()
print(f.__defaults__)
f.custom = "attr"
print(f.custom, sorted(k for k in f.__dict__))
print(callable(f), type(f).__name__, type(len).__name__, len.__name__)
