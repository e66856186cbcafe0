# repr/str of a very deeply nested container raises RecursionError; a cycle prints as [...].


def attempt(label, f):
    try:
        print(label, f())
    except RecursionError as e:
        print(label, type(e).__name__, e)


def deep(make, depth):
    x = make()
    for _ in range(depth):
        x = make(x)
    return x


deep_list = deep(lambda *x: list(x), 5000)
deep_tuple = deep(lambda *x: tuple(x), 5000)
deep_dict = deep(lambda *x: {1: x[0]} if x else {}, 5000)

for name, v in [("list", deep_list), ("tuple", deep_tuple), ("dict", deep_dict)]:
    attempt(name + " repr", lambda: len(repr(v)))
    attempt(name + " str", lambda: len(str(v)))
    attempt(name + " format", lambda: len("{}".format(v)))
    attempt(name + " f-string", lambda: len(f"{v!r}"))
    attempt(name + " percent", lambda: len("%s" % (v,)))

try:
    print(deep_list)
except RecursionError as e:
    print("print", type(e).__name__)

e = ValueError()
for _ in range(5000):
    e = ValueError(e)
attempt("nested exception repr", lambda: len(repr(e)))

cycle = [1]
cycle.append(cycle)
attempt("cycle", lambda: repr(cycle))
d = {}
d["self"] = d
attempt("dict cycle", lambda: repr(d))
attempt("50 deep", lambda: repr(deep(lambda *x: list(x), 50)))
attempt("after the errors", lambda: repr([1, (2, 3), {4: 5}]))
