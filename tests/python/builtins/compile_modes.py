# compile() in exec, eval and single modes; running code objects; errors.
code = compile("x = 6 * 7\ny = [x] * 2", "<prog>", "exec")
ns = {}
exec(code, ns)
print(ns["x"], ns["y"], type(code).__name__)
e = compile("x + 1", "<expr>", "eval")
print(eval(e, {"x": 41}), eval(e, {"x": "a"} if False else {"x": 1.5}))
s = compile("z = 5", "<single>", "single")
g = {}
exec(s, g)
print(g["z"])
f = compile("def f(a):\n    return a * 3\n", "<def>", "exec")
h = {}
exec(f, h)
print(h["f"]("ab"), h["f"].__name__)
for src, mode in [("x = ", "exec"), ("1 +", "eval"), ("a = 1", "eval"), ("def", "exec")]:
    try:
        compile(src, "<bad>", mode)
    except SyntaxError as err:
        print(type(err).__name__, mode)
try:
    compile("1", "<m>", "nonsense")
except ValueError as err:
    print(type(err).__name__)
print(eval(compile("[i * i for i in range(4)]", "<c>", "eval")))
