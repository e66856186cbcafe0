# Decorators with arguments, stacked decorators and their order.
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def ping(x):
    return "ping%d" % x
print(ping(1))
order = []
def tag(name):
    def deco(fn):
        order.append("decorate " + name)
        def wrapper():
            order.append("call " + name)
            return "<%s>%s</%s>" % (name, fn(), name)
        return wrapper
    return deco
@tag("b")
@tag("i")
def text():
    return "hi"
print(text())
print(order)
def prefix(p):
    return lambda fn: lambda *a: p + fn(*a)
@prefix("A:")
@prefix("B:")
def name(s):
    return s
print(name("x"))
class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]
@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), len(fib.cache))
