# functools.wraps and update_wrapper copy the wrapped function's names and doc.
import functools


def logged(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        print('calling', f.__name__)
        return f(*args, **kwargs)
    return wrapper


@logged
def add(a, b):
    """Add two numbers."""
    return a + b


print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__(1, 1))


def plain(x):
    "plain doc"
    return x


def other():
    pass


w = functools.update_wrapper(other, plain)
print(w is other, other.__name__, other.__doc__, other.__wrapped__ is plain)
print(functools.WRAPPER_ASSIGNMENTS[1:], functools.WRAPPER_UPDATES)
