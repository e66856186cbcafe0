# memoryview over bytes and bytearray: indexing, zero-copy slicing, writes, methods.
ba = bytearray(b"hello world")
mv = memoryview(ba)
print(type(mv).__name__, len(mv), mv.readonly, mv.nbytes)
print(mv[0], mv[-1], mv[4])
for bad in (11, -12):
    try:
        mv[bad]
    except IndexError as e:
        print("IndexError", e)
s = mv[6:11]
print(len(s), s.tobytes(), s.nbytes)
s[0] = ord("W")
print(ba)
mv[0:5] = b"HELLO"
print(ba, mv.tobytes())
s[1:3] = bytearray(b"OR")
print(ba)
try:
    mv[0:2] = b"abc"
except ValueError as e:
    print("ValueError", e)
try:
    mv[0] = 256
except ValueError as e:
    print("ValueError", e)
print(mv.tolist()[:5], mv[:3].hex(), mv[2:2].tobytes(), mv[5:1].tobytes())
print(list(mv[:4]), [x for x in s])
print(bytes(mv[:5]), bytearray(mv[6:]))
print(mv == ba, mv[:5] == b"HELLO", mv[:5] == b"HELLx", b"HELLO" == mv[:5])
print(mv[:5] == memoryview(b"HELLO"))
print(mv[1:][1:][1:].tobytes())

ro = memoryview(b"abc")
print(ro.readonly, ro[1], ro.tobytes(), ro.hex())
for k in (0, slice(0, 1)):
    try:
        ro[k] = 1 if k == 0 else b"x"
    except TypeError as e:
        print("TypeError", e)
for bad in (1, "str", [1, 2], None):
    try:
        memoryview(bad)
    except TypeError as e:
        print("TypeError", e)

with memoryview(bytearray(4)) as m:
    m[1] = 7
    print(m.tolist())
try:
    len(m)
except ValueError as e:
    print("ValueError", e)
m2 = memoryview(b"xyz")
m2.release()
try:
    m2.tobytes()
except ValueError as e:
    print("ValueError", e)
print(b"".join([memoryview(b"ab"), b"cd"]))
print(bool(memoryview(b"")), bool(memoryview(b"a")), repr(memoryview(b"a"))[:10])
print(hash(memoryview(b"abc")) == hash(b"abc"), {memoryview(b"k"): 1}[b"k"])
try:
    hash(memoryview(bytearray(b"abc")))
except ValueError as e:
    print("ValueError", e)
print(b"ab" + memoryview(b"cd"), bytearray(b"x") + memoryview(b"yz")[1:])
try:
    memoryview(b"ab") + b"cd"
except TypeError as e:
    print("TypeError", e)
