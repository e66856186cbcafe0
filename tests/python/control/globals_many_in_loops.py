# Many module-level names used in one loop (more than the VM's name cache holds per slot),
# with builtins shadowed and unshadowed, globals deleted and re-added, and functions reading
# globals of their module while the loop rebinds them.
import struct

n00 = n01 = n02 = n03 = n04 = n05 = n06 = n07 = n08 = n09 = 0
n10 = n11 = n12 = n13 = n14 = n15 = n16 = n17 = n18 = n19 = 0
acc = 0
for i in range(40):
    n00 += 1; n01 += 2; n02 += 3; n03 += 4; n04 += 5
    n05 += n00; n06 += n01; n07 += n02; n08 += n03; n09 += n04
    n10 = n05 - n06; n11 = n07 - n08; n12 = n09 + n10; n13 = abs(n11)
    n14 = len(str(n12)); n15 = max(n13, n14); n16 = min(n15, i)
    n17 = int(n16); n18 = n17 * 2; n19 = n18 // 3
    acc += n19 + n00 + n15
print(acc, n00, n05, n09, n12, n13, n19)


def uses_len(s):
    return len(s)


total = 0
for i in range(6):
    if i == 2:
        len = lambda s: 100
    if i == 4:
        del len
    total += uses_len("abc")
    if i == 3:
        abs = str
    total += len(str(abs(-i)))
print(total)
del abs

counter = 0


def bump():
    global counter
    counter += 1
    return counter


for i in range(5):
    bump()
    if i == 2:
        del counter
        counter = 100
print(counter)

try:
    del acc
    print(acc)
except NameError as e:
    print(type(e).__name__, e)

records = {}
for i in range(8):
    b = struct.pack("<HhI", i, -i, i * 1000)
    records[b] = i
    records[struct.pack("<HhI", i, -i, i * 1000)] += 10
print(len(records), sorted(records.values()))
print(records[b"\x03\x00\xfd\xff\xb8\x0b\x00\x00"])
print(hash(b"abc") == hash(b"ab" + b"c"), hash(b"") == hash(bytes()))
print(hash(struct.pack("<I", 7)) == hash(b"\x07\x00\x00\x00"))
s = {b"x" * k for k in range(5)} | {bytes(k) for k in range(3)}
print(len(s), b"xx" in s, b"\x00\x00" in s, b"y" in s)
print({b"k": 1, bytearray(b"q").decode().encode(): 2}[b"q"])
