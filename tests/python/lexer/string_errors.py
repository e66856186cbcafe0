# SyntaxErrors of unterminated string literals: CPython's messages and lines.
sources = [
    "'abc",
    '"abc',
    "x = 'abc\ny = 1",
    "s = 'a\\\nb",
    "'''abc",
    '"""abc\n\ndef',
    "b'abc\n",
    "f'{x}\n",
    "r'abc",
    "x = 1\n\ny = 'abc",
]
for src in sources:
    try:
        compile(src, "<strings>", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno)
