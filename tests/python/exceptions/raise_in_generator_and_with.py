# Exceptions leaving generators and with-blocks clean up correctly.
events = []
class CM:
    def __enter__(self):
        events.append("enter")
    def __exit__(self, *exc):
        events.append("exit " + (exc[0].__name__ if exc[0] else "ok"))
def gen():
    with CM():
        yield 1
        raise ValueError("from generator")
try:
    for v in gen():
        events.append("got %d" % v)
except ValueError as e:
    events.append("caught " + str(e))
print(events)
events.clear()
g = gen()
next(g)
g.close()
print(events)
