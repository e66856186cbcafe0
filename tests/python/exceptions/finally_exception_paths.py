# finally blocks run on every path out of a try: exceptions, returns, nested handlers.
trace = []
def f(mode):
    try:
        trace.append("body " + mode)
        if mode == "raise":
            raise ValueError(mode)
        if mode == "return":
            return "early"
    except ValueError:
        trace.append("handler")
        if mode == "raise":
            return "from handler"
    finally:
        trace.append("finally " + mode)
    return "end"
for m in ["plain", "raise", "return"]:
    print(f(m))
print(trace)
def g():
    for i in range(3):
        try:
            try:
                if i == 1:
                    raise KeyError(i)
            finally:
                trace.append("inner %d" % i)
        except KeyError:
            trace.append("caught %d" % i)
            continue
        finally:
            trace.append("outer %d" % i)
trace.clear()
g()
print(trace)
