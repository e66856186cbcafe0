# bytearray: a mutable sequence of ints.
ba = bytearray(b"hello")
print(ba, len(ba), ba[0], ba[-1])
ba[0] = 72
print(ba)
ba.append(33)
ba.extend(b"??")
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.insert(0, 74)
print(ba)
ba.remove(ord("l"))
print(ba)
del ba[0]
print(ba)
ba[1:3] = b"XYZ"
print(ba)
ba += b"++"
print(ba, bytes(ba), ba.decode())
ba.reverse()
print(ba)
print(bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray())
print(ba.find(b"X"), ba.count(b"+"), ba.upper(), b"z" in ba)
try:
    ba[0] = 300
except ValueError as e:
    print(type(e).__name__, e)
c = bytearray(b"abc")
c[::2] = b"XZ"
print(c, c == b"XbZ", c * 2)
c.clear()
print(c, len(c))
