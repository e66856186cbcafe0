# KeyError str() is the repr of the key.
for key in ["k", 1, (1, 2), None, "", "it's"]:
    try:
        {}[key]
    except KeyError as e:
        print(repr(str(e)), e.args)
try:
    raise KeyError("a", "b")
except KeyError as e:
    print(str(e))
try:
    raise KeyError()
except KeyError as e:
    print(repr(str(e)))
