# Subclasses of builtins: overriding, super() to builtin methods, operators keep base behaviour.
class Stack(list):
    def push(self, x):
        self.append(x)
        return self
    def __repr__(self):
        return "Stack" + super().__repr__()
s = Stack([1, 2])
s.push(3).push(4)
print(s, len(s), s[1:3], s.pop(), list(s), sum(s), sorted(s, reverse=True))
s += [9]
print(s, type(s).__name__, s == [1, 2, 3, 9], isinstance(s, list))

class Counter(dict):
    def __missing__(self, key):
        return 0
    def add(self, word):
        self[word] += 1
c = Counter()
for w in "a b a c a b".split():
    c.add(w)
print(sorted(c.items()), c["zzz"], "zzz" in c, len(c), dict(c) == {"a": 3, "b": 2, "c": 1})

class LoudDict(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
ld = LoudDict()
ld["x"] = 1
print(ld, ld["x"], list(ld.keys()))

class Temp(float):
    def fahrenheit(self):
        return self * 9 / 5 + 32
t = Temp(100)
print(t, t.fahrenheit(), t > 99, round(t), int(t), -t, abs(Temp(-2.5)))

class Word(str):
    def __eq__(self, other):
        return self.lower() == str(other).lower()
    def __hash__(self):
        return hash(self.lower())
print(Word("Hello") == "hello", Word("A") in ["a"], Word("Hi").upper(), Word("abc")[1], len(Word("four")))

class Bits(int):
    def __str__(self):
        return bin(self)
b = Bits(5)
print(str(b), repr(b), b + 1, b * 2, b & 4, b << 1, "%d" % b, f"{b}")

class FrozenPair(frozenset):
    pass
fp = FrozenPair([1, 2])
print(sorted(fp), 1 in fp, len(fp), fp == frozenset({1, 2}), type(fp).__name__)
try:
    class Bad(bool):
        pass
except TypeError as e:
    print("TypeError", e)
