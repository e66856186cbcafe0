# except clauses catch subclasses; order matters; tuples of types.
def classify(exc):
    try:
        raise exc
    except ZeroDivisionError:
        return "zero division"
    except ArithmeticError:
        return "arithmetic"
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except Exception as e:
        return "other " + type(e).__name__
for exc in [ZeroDivisionError(), OverflowError(), KeyError(), IndexError(), ValueError(),
            TypeError("t"), AttributeError()]:
    print(classify(exc))
try:
    try:
        raise KeyboardInterrupt
    except Exception:
        print("not caught here")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
try:
    raise SystemExit(3)
except SystemExit as e:
    print("SystemExit", e.code)
try:
    raise StopIteration
except Exception as e:
    print("StopIteration is an Exception", type(e).__name__)
