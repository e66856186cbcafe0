# Decorators without arguments, preserving behaviour and names.
def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper()
    wrapper.__name__ = fn.__name__
    return wrapper
@shout
def hello(name):
    return "hello " + name
print(hello("ann"), hello.__name__)
calls = []
def logged(fn):
    def wrapper(*a):
        calls.append((fn.__name__, a))
        return fn(*a)
    return wrapper
@logged
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), calls)
def register(fn, registry=[]):
    registry.append(fn.__name__)
    fn.registry = registry
    return fn
@register
def one():
    pass
@register
def two():
    pass
print(two.registry)
def twice(fn):
    return lambda x: fn(fn(x))
@twice
def inc(x):
    return x + 1
print(inc(0))
