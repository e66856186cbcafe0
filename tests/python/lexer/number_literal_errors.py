# SyntaxErrors of malformed number literals: the message CPython gives (its columns for these
# follow its tokenizer's quirks, so only the message and line are printed).
sources = [
    "0x",
    "0x_",
    "0xg",
    "0x1_",
    "0x1__2",
    "0b102",
    "0b1_2",
    "0b",
    "0o8",
    "0o17a",
    "0o1_8",
    "0b12if 1 else 0",
    "0x1fif 1 else 0",
    "0b1abc",
    "1__0",
    "1_",
    "1abc",
    "1.5e",
    "1.5e+",
    "1.5x",
    "1_000.0_",
    "01",
    "1e5abc",
]
for src in sources:
    try:
        value = eval(compile(src, "<num>", "eval"))
        print(repr(src), "ok", value)
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno)

# Literals that are fine, keywords right after included.
for src in ["0x_ff", "0b1_0", "0o7_7", "1_0.5e-3", "0xfor", "1if 1 else 2", "0b1or 0"]:
    try:
        print(repr(src), eval(src))
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno)
