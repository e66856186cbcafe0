# gc.collect runs and unreachable cycles do not break anything.
import gc
class Node:
    def __init__(self):
        self.other = None
for i in range(100):
    a, b = Node(), Node()
    a.other, b.other = b, a
result = gc.collect()
print(type(result).__name__ in ("int", "NoneType"))
data = [[i] * 10 for i in range(1000)]
del data
gc.collect()
keep = [str(i) for i in range(100)]
gc.collect()
print(len(keep), keep[99])
print(gc.isenabled() in (True, False))
gc.disable()
gc.enable()
print(gc.isenabled())
