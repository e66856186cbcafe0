# classmethods as alternative constructors respect subclasses.
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def from_string(cls, s):
        y, m, d = map(int, s.split("-"))
        return cls(y, m, d)
    def __repr__(self):
        return "%s(%04d-%02d-%02d)" % (type(self).__name__, self.y, self.m, self.d)
class Holiday(Date):
    pass
print(Date.from_string("2024-02-29"), Holiday.from_string("1999-12-31"))
class Registry:
    items = None
    @classmethod
    def add(cls, v):
        if cls.items is None:
            cls.items = []
        cls.items.append(v)
class R1(Registry): pass
class R2(Registry): pass
R1.add(1); R2.add(2); R1.add(3)
print(R1.items, R2.items, Registry.items)
