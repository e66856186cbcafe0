# exec and eval with explicit globals and locals dicts.
print(eval("1 + 2 * 3"), eval("[x * x for x in range(4)]"), eval("'ab' * 2"))
ns = {"a": 5}
print(eval("a * 2", ns))
print(eval("a + b", {"a": 1}, {"b": 2}))
code = """
def sq(n):
    return n * n
result = sq(7)
"""
g = {}
exec(code, g)
print(g["result"], g["sq"](3))
loc = {}
exec("x = 1\ny = x + 1", {}, loc)
print(sorted(loc.items()))
exec("print('printed from exec')")
try:
    eval("1 +")
except SyntaxError as e:
    print(type(e).__name__)
try:
    eval("undefined_thing", {})
except NameError as e:
    print(type(e).__name__, e)
counter = 0
exec("counter += 5")
print(counter)
print(eval("len('hello')", {}), eval("abs(-3)"))
env = {"v": [1]}
exec("v.append(2)", env)
print(env["v"])
