# Bound and unbound methods, methods stored and called later.
class Greeter:
    def __init__(self, name):
        self.name = name
    def hello(self, other):
        return "%s greets %s" % (self.name, other)
g = Greeter("ann")
bound = g.hello
print(bound("bob"), Greeter.hello(g, "cy"))
print(bound.__self__ is g, bound == g.hello)
calls = [Greeter(n).hello for n in "xyz"]
print([c("w") for c in calls])
print(list(map(g.hello, ["p", "q"])))
unbound = Greeter.hello
print(unbound(Greeter("dee"), "eve"))
g.hello = lambda other: "instance attribute shadows " + other
print(g.hello("z"), Greeter.hello(g, "z"))
append = [].append
lst = []
push = lst.append
push(1); push(2)
print(lst)
