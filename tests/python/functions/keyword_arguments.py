# Passing arguments by keyword, in any order, mixed with positional.
def describe(name, age, city="nowhere"):
    return "%s/%d/%s" % (name, age, city)
print(describe("a", 1), describe(age=2, name="b"), describe("c", city="x", age=3))
print(describe(*("d", 4), **{"city": "y"}))
def options(**opts):
    return ", ".join("%s=%r" % kv for kv in opts.items())
print(options(b=1, a="two", c=None))
d = {"name": "e", "age": 5}
print(describe(**d))
try:
    describe("f", 6, name="g")
except TypeError as e:
    print(type(e).__name__, e)
try:
    describe(**{"name": "h", "age": 1, "zip": 0})
except TypeError as e:
    print(type(e).__name__, e)
print(dict(sep="x", end="y"), sorted([3, 1, 2], reverse=True))
