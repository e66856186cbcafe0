# Subclassing builtin types: list, dict, int, str, Exception.
class Stack(list):
    def push(self, v):
        self.append(v)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2)
print(s, s.peek(), len(s), isinstance(s, list), s + [3])
class DefaultDict(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
d = DefaultDict()
d["a"] += 5
print(d, d["b"], dict(d))
class Celsius(float):
    def __repr__(self):
        return "%.1fC" % float(self)
c = Celsius(21.456)
print(repr(c), c + 1, isinstance(c, float))
class Upper(str):
    def shout(self):
        return self.upper() + "!"
u = Upper("hey")
print(u.shout(), u + "x", len(u), u == "hey")
class Even(int):
    def is_even(self):
        return self % 2 == 0
print(Even(4).is_even(), Even(7).is_even(), Even(3) + 4)
