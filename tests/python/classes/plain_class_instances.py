# Plain classes without __slots__: attributes added and removed freely.
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next
head = None
for v in range(5):
    head = Node(v, head)
vals = []
n = head
while n:
    vals.append(n.value)
    n = n.next
print(vals)
class Bag:
    pass
b = Bag()
for i in range(5):
    setattr(b, "f%d" % i, i * i)
print(sorted(b.__dict__.items()))
delattr(b, "f0")
print(hasattr(b, "f0"), len(vars(b)))
b.f1 += 100
print(b.f1)
class Counter:
    def __init__(self):
        self.counts = {}
    def add(self, k):
        self.counts[k] = self.counts.get(k, 0) + 1
        return self
c = Counter().add("a").add("b").add("a")
print(c.counts)
