# A UTF-8 byte order mark before the source is skipped where CPython skips it (files that are
# imported, bytes given to exec/eval); inside a str source it is a SyntaxError, as in CPython.
# This file starts with a byte order mark too.
import bom_helper_mod

print(bom_helper_mod.value)
exec(b"\xef\xbb\xbfprint('exec of bytes with a BOM')")
print(eval(b"\xef\xbb\xbf6 * 7"))
ns = {}
exec(b"\xef\xbb\xbfdef f():\n    return 'defined'\n", ns)
print(ns["f"]())
for src in ["\ufeffprint(1)", "x = 1\n\ufeffprint(1)", b"\xef\xbb\xbf\xef\xbb\xbfprint(1)"]:
    try:
        exec(src)
        print("no error")
    except SyntaxError as e:
        print("SyntaxError", e.lineno)
