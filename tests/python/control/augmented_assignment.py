# Augmented assignment with every operator on names, subscripts and attributes.
x = 100
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x %= 7; print(x)
x **= 3; print(x)
x /= 4; print(x)
y = 0b1100
y &= 0b1010; print(y)
y |= 0b0001; print(y)
y ^= 0b1111; print(y)
y <<= 3; print(y)
y >>= 2; print(y)
lst = [1, 2, 3]
lst[0] += 10
lst[-1] *= 5
lst[1] **= 2
print(lst)
d = {"k": 1}
d["k"] -= 4
d["k"] <<= 2
print(d)
class O:
    pass
o = O()
o.v = 7
o.v += 1
o.v //= 3
o.v |= 8
print(o.v)
s = "ab"
s += "cd"
s *= 2
print(s)
nested = {"a": [0, [1]]}
nested["a"][1][0] += 41
print(nested)
calls = []
def idx():
    calls.append(1)
    return 0
arr = [5]
arr[idx()] += 1
print(arr, len(calls))
class Mat:
    def __init__(self, v):
        self.v = v
    def __matmul__(self, other):
        return Mat(self.v * other.v)
m = Mat(3)
m @= Mat(4)
print(m.v)
