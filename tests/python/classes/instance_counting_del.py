# Class-level bookkeeping across instances (no reliance on __del__ timing).
class Tracked:
    created = 0
    live = []
    def __init__(self, tag):
        Tracked.created += 1
        self.tag = tag
        Tracked.live.append(tag)
    def close(self):
        Tracked.live.remove(self.tag)
objs = [Tracked(t) for t in "abcd"]
objs[1].close()
objs[3].close()
print(Tracked.created, Tracked.live)
class Sub(Tracked):
    pass
Sub("e")
print(Tracked.created, Sub.created, Tracked.live)
