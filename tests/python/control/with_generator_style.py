# A context manager that records the order of events, with exceptions inside.
log = []
class Tracker:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        log.append("enter " + self.tag)
        return self
    def __exit__(self, t, v, tb):
        log.append("exit %s %s" % (self.tag, t is not None))
        if t is ZeroDivisionError:
            return True
        return None
with Tracker("div"):
    1 / 0
    log.append("unreached")
try:
    with Tracker("a"), Tracker("b"):
        raise IndexError("x")
except IndexError:
    log.append("caught index")
with Tracker("nested1"):
    with Tracker("nested2"):
        log.append("deep")
for line in log:
    print(line)
class BadEnter:
    def __enter__(self):
        raise OSError("cannot enter")
    def __exit__(self, *a):
        print("exit must not run")
try:
    with BadEnter():
        print("body must not run")
except OSError as e:
    print(type(e).__name__, e)
