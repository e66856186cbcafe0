# Handler selection with tuples, bare except, and exception objects in variables.
errors = (KeyError, IndexError)
def probe(action):
    try:
        action()
    except errors as e:
        return "lookup: " + type(e).__name__
    except (ValueError, TypeError):
        return "value or type"
    except:
        return "bare except"
    return "no error"
print(probe(lambda: {}[1]))
print(probe(lambda: [][0]))
print(probe(lambda: int("z")))
print(probe(lambda: len(3)))
print(probe(lambda: 1 / 0))
print(probe(lambda: None))
class Custom(Exception):
    pass
print(probe(lambda: (_ for _ in ()).throw(Custom())))
