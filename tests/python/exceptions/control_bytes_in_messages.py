# Messages that hold control bytes and DEL come back exactly as written: the VM stores its own
# messages with such bytes as word codes, so user text must never be taken for them.

codes = "".join(chr(i) for i in range(1, 32) if i not in (9, 10, 13))
dels = "\x7f!\x7f~\x7f \x7f\x7f"


def show(e):
    print(type(e).__name__, repr(str(e)), repr(e.args))


for text in ["\x7f!\x01\x1f end", codes, dels, "a\x7f", "\x7f"]:
    try:
        raise ValueError(text)
    except ValueError as e:
        show(e)
        print(str(e) == text, len(str(e)) == len(text))

try:
    int("\x01\x7f!")
except ValueError as e:
    show(e)

try:
    {}["\x0c\x7fA"]
except KeyError as e:
    show(e)

try:
    getattr(object(), "x\x03\x7f#y")
except AttributeError as e:
    show(e)


class Codes(Exception):
    pass


try:
    raise Codes("\x05", "\x7f\x7f", 7)
except Codes as e:
    show(e)

e = RuntimeError("%s|%s" % ("\x02", "\x7fz"))
print(repr(str(e)))
print(repr("{}{}".format("\x1f", "\x7f}")))
print(repr(f"{dels!r}"))
print(["\x7f!"[0], "\x7f!"[1], "a\x7fé"[1], "a\x7fé"[2]])
print(repr(repr(ValueError(codes))))
