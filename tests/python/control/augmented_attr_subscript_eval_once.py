# Augmented assignment evaluates its target's container and index only once.
log = []
class Box:
    def __init__(self):
        self.items = [0, 0, 0]
        self.count = 0
box = Box()
def get_box():
    log.append("box")
    return box
def idx(i):
    log.append("idx %d" % i)
    return i
get_box().count += 1
get_box().items[idx(1)] += 5
get_box().items[idx(2)] -= 1
print(box.count, box.items, log)
class Logged:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        log.append("get " + k)
        return self.d.get(k, 0)
    def __setitem__(self, k, v):
        log.append("set %s=%r" % (k, v))
        self.d[k] = v
log.clear()
lg = Logged()
lg["a"] += 2
lg["a"] *= 10
print(lg.d, log)
