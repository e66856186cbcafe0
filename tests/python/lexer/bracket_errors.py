# SyntaxErrors of unbalanced brackets, in code and in f-string expressions: CPython's messages.
sources = [
    "x)",
    "x]",
    "(x]",
    "[x}",
    "{x)",
    "(1,\n 2]",
    "f(a,\n  b,\n  c}",
    "f'{x)}'",
    "f'{(x]}'",
    "f'{[x)}'",
    "f'{x]}'",
    "f'{a(b]}'",
]
for src in sources:
    try:
        compile(src, "<brackets>", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno)
