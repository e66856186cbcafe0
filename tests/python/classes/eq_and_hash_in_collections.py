# User objects as dict keys and set members, and in list searches.
class Color:
    def __init__(self, name):
        self.name = name
    def __eq__(self, other):
        return isinstance(other, Color) and self.name.lower() == other.name.lower()
    def __hash__(self):
        return hash(self.name.lower())
    def __repr__(self):
        return "Color(%r)" % self.name
palette = {Color("Red"): 1, Color("blue"): 2}
print(palette[Color("RED")], Color("Blue") in palette, Color("green") in palette)
s = {Color("a"), Color("A"), Color("b")}
print(len(s))
lst = [Color("x"), Color("y")]
print(lst.index(Color("Y")), lst.count(Color("X")), Color("x") in lst)
lst.remove(Color("X"))
print(lst)
