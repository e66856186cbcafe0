# Converting between str, bytes, bytearray and lists of ints.
text = "héllo wörld"
b = text.encode("utf-8")
print(b, len(text), len(b))
print(b.decode("utf-8") == text, bytes(bytearray(b)) == b, bytearray(b).decode())
print(list("hi".encode()), bytes([104, 105]).decode(), str(b"hi", "ascii"))
ba = bytearray()
for i in range(5):
    ba.append(48 + i)
print(ba, ba.decode(), bytes(ba[1:3]), ba[::-1])
print(b"abc" + bytearray(b"def"), type(b"abc" + bytearray(b"def")).__name__)
print(type(bytearray(b"x") + b"y").__name__, b"abc" == bytearray(b"abc"))
print("abc".encode("ascii").upper().decode().lower())
print(b"%d-%s" % (5, b"x"), b"a,b".split(b","), b" ".join([b"x", b"y"]))
