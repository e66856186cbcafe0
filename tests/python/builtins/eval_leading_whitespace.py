# eval() accepts input indented by spaces and tabs; exec() does not.
print(eval(" 2"), eval("\t 2 + 3"), eval("   [1,\n 2]"), eval(b"  7"))
try:
    exec(" x = 1")
except IndentationError as e:
    print("IndentationError", e.msg)
try:
    eval(" ")
except SyntaxError as e:
    print(type(e).__name__)
