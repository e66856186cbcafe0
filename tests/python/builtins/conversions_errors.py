# Error messages from type constructors given bad input.
def show(f):
    try:
        print(repr(f()))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
show(lambda: int("12a"))
show(lambda: int("12", 1))
show(lambda: int(None))
show(lambda: float("1,5"))
show(lambda: float([]))
show(lambda: list(1))
show(lambda: tuple(None))
show(lambda: dict(1))
show(lambda: bytes("abc"))
show(lambda: bytes([1, 999]))
show(lambda: set(5))
show(lambda: str(b"abc", "utf-8"))
show(lambda: int("  -0x1F ", 16))
show(lambda: int(10.99))
show(lambda: bool("False"))
