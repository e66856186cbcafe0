# Allocation churn with collections in between; live data must survive intact.
import gc
keep = []
for round_ in range(20):
    garbage = [[i, str(i), (i, i)] for i in range(300)]
    keep.append({"round": round_, "data": [round_ * k for k in range(50)], "s": "r%d" % round_})
    del garbage
    if round_ % 5 == 0:
        gc.collect()
gc.collect()
print(len(keep), keep[7]["s"], sum(keep[19]["data"]), keep[0]["data"][:3])
class Node:
    def __init__(self, v, nxt):
        self.v, self.nxt = v, nxt
head = None
for i in range(2000):
    head = Node(i, head)
    if i % 500 == 0:
        tmp = [Node(j, None) for j in range(200)]
        gc.collect()
total, n = 0, head
while n:
    total += n.v
    n = n.nxt
print(total)
cycle = []
for i in range(300):
    a, b = {}, {}
    a["b"], b["a"] = b, a
    cycle.append(a) if i % 100 == 0 else None
gc.collect()
print(len(cycle), cycle[1]["b"]["a"] is cycle[1])
strings = ["x" * i for i in range(200)]
gc.collect()
print(sum(len(s) for s in strings), strings[199][:5])
