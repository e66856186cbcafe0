# Comparing containers recurses through their items: a cycle or a very deep nesting raises
# RecursionError (a RuntimeError), and the program goes on.


def nest(make, depth):
    x = make(())
    for _ in range(depth):
        x = make((x,))
    return x


def attempt(label, f):
    try:
        print(label, f())
    except RecursionError as e:
        print(label, type(e).__name__, e)


a = []
b = [a]
a.append(b)
attempt("cyclic lists ==", lambda: a == b)
attempt("cyclic lists !=", lambda: a != b)
attempt("cyclic lists <", lambda: a < b)
attempt("cyclic list in", lambda: a in [b])

d = {}
e = {1: d}
d[1] = e
attempt("cyclic dicts ==", lambda: d == e)

deep_tuple = nest(tuple, 5000)
attempt("deep tuples ==", lambda: deep_tuple == (deep_tuple,))
attempt("deep tuples <", lambda: deep_tuple < (deep_tuple,))
attempt("deep tuple index", lambda: [deep_tuple].index((deep_tuple,)))
attempt("deep tuple count", lambda: [deep_tuple].count((deep_tuple,)))
attempt("deep tuples sorted", lambda: len(sorted([deep_tuple, (deep_tuple,)])))
deep_list = nest(list, 5000)
attempt("deep lists ==", lambda: deep_list == [deep_list])
attempt("deep lists max", lambda: len(max(deep_list, [deep_list])))

s = slice(0)
for _ in range(5000):
    s = slice(s)
attempt("deep slices ==", lambda: s == slice(s))

# Moderate nesting compares normally.
x, y = nest(list, 50), nest(list, 50)
attempt("50 deep ==", lambda: x == y)
attempt("50 deep <", lambda: x < [y])
attempt("50 deep tuples hash equal", lambda: hash(nest(tuple, 50)) == hash(nest(tuple, 50)))
attempt("after the errors", lambda: sum(range(10)))
