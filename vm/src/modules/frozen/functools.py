# The functools module of mote, as sections (see Runtime::frozen_def): each definition is
# compiled when a program first names it. CPython's semantics.

# ---- reduce
_initial_missing = object()


def reduce(function, sequence, initial=_initial_missing):
    try:
        it = iter(sequence)
    except TypeError:
        raise TypeError('reduce() arg 2 must support iteration') from None
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value') from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value

# ---- partial
class partial:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError('the first argument must be callable')
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        args = [repr(self.func)]
        args.extend(repr(x) for x in self.args)
        args.extend('%s=%r' % (k, v) for k, v in self.keywords.items())
        return 'functools.partial(%s)' % ', '.join(args)

# ---- update_wrapper
WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except (AttributeError, TypeError):
                pass
    for attr in updated:
        try:
            getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
        except AttributeError:
            pass
    try:
        wrapper.__wrapped__ = wrapped
    except (AttributeError, TypeError):
        pass
    return wrapper

# ---- WRAPPER_ASSIGNMENTS
WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')

# ---- WRAPPER_UPDATES
WRAPPER_UPDATES = ('__dict__',)

# ---- wraps
def wraps(wrapped, assigned=None, updated=None):
    from functools import update_wrapper, WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES
    if assigned is None:
        assigned = WRAPPER_ASSIGNMENTS
    if updated is None:
        updated = WRAPPER_UPDATES

    def decorating(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)

    return decorating

# ---- lru_cache
def lru_cache(maxsize=128, typed=False):
    from functools import update_wrapper
    if callable(maxsize) and isinstance(typed, bool):
        user_function, maxsize = maxsize, 128
        return _lru(user_function, maxsize, typed, update_wrapper)
    if maxsize is not None and not isinstance(maxsize, int):
        raise TypeError('Expected first argument to be an integer, a callable, or None')
    if maxsize is not None and maxsize < 0:
        maxsize = 0

    def decorating(user_function):
        return _lru(user_function, maxsize, typed, update_wrapper)

    return decorating


class _CacheInfo(tuple):
    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % tuple(self)


def _lru(user_function, maxsize, typed, update_wrapper):
    cache = {}
    stats = [0, 0]

    def make_key(args, kwds):
        key = args
        if kwds:
            key += (_lru,)
            for item in kwds.items():
                key += item
        if typed:
            key += tuple(type(v) for v in args)
            if kwds:
                key += tuple(type(v) for v in kwds.values())
        elif len(key) == 1 and type(key[0]) in (int, str):
            # CPython's key for one int or str argument is the argument itself, so
            # f(2) and f(2.0) are cached apart.
            return key[0]
        return key

    def wrapper(*args, **kwds):
        key = make_key(args, kwds)
        if key in cache:
            stats[0] += 1
            result = cache.pop(key)
            cache[key] = result
            return result
        stats[1] += 1
        result = user_function(*args, **kwds)
        if maxsize != 0:
            if maxsize is not None and len(cache) >= maxsize:
                del cache[next(iter(cache))]
            cache[key] = result
        return result

    def cache_info():
        return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        cache.clear()
        stats[0] = stats[1] = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    return update_wrapper(wrapper, user_function)

# ---- cache
def cache(user_function):
    from functools import lru_cache
    return lru_cache(maxsize=None)(user_function)

# ---- cmp_to_key
def cmp_to_key(mycmp):
    class K(object):
        __slots__ = ['obj']

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K

# ---- total_ordering
def total_ordering(cls):
    roots = {op for op in ('__lt__', '__le__', '__gt__', '__ge__')
             if getattr(cls, op, None) is not getattr(object, op, None)}
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(roots)

    def not_(r):
        return r if r is NotImplemented else not r

    def make(name):
        if root == '__lt__':
            table = {
                '__gt__': lambda self, other: _gt_from_lt(self, other),
                '__le__': lambda self, other: _le_from_lt(self, other),
                '__ge__': lambda self, other: not_(self.__lt__(other)),
            }
        elif root == '__le__':
            table = {
                '__ge__': lambda self, other: _ge_from_le(self, other),
                '__lt__': lambda self, other: _lt_from_le(self, other),
                '__gt__': lambda self, other: not_(self.__le__(other)),
            }
        elif root == '__gt__':
            table = {
                '__lt__': lambda self, other: _lt_from_gt(self, other),
                '__ge__': lambda self, other: _ge_from_gt(self, other),
                '__le__': lambda self, other: not_(self.__gt__(other)),
            }
        else:
            table = {
                '__le__': lambda self, other: _le_from_ge(self, other),
                '__gt__': lambda self, other: _gt_from_ge(self, other),
                '__lt__': lambda self, other: not_(self.__ge__(other)),
            }
        return table[name]

    def _gt_from_lt(self, other):
        r = self.__lt__(other)
        if r is NotImplemented:
            return r
        return not r and self != other

    def _le_from_lt(self, other):
        r = self.__lt__(other)
        if r is NotImplemented:
            return r
        return r or self == other

    def _ge_from_le(self, other):
        r = self.__le__(other)
        if r is NotImplemented:
            return r
        return not r or self == other

    def _lt_from_le(self, other):
        r = self.__le__(other)
        if r is NotImplemented:
            return r
        return r and self != other

    def _lt_from_gt(self, other):
        r = self.__gt__(other)
        if r is NotImplemented:
            return r
        return not r and self != other

    def _ge_from_gt(self, other):
        r = self.__gt__(other)
        if r is NotImplemented:
            return r
        return r or self == other

    def _le_from_ge(self, other):
        r = self.__ge__(other)
        if r is NotImplemented:
            return r
        return not r or self == other

    def _gt_from_ge(self, other):
        r = self.__ge__(other)
        if r is NotImplemented:
            return r
        return r and self != other

    for name in ('__lt__', '__le__', '__gt__', '__ge__'):
        if name not in roots:
            setattr(cls, name, make(name))
    return cls
