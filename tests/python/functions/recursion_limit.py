# Unbounded recursion raises RecursionError, which can be caught.
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__)
print(issubclass(RecursionError, RuntimeError))
def ok(n):
    return n if n == 0 else ok(n - 1)
print(ok(100))
