# The mpremote `fs cp` hashing loop: readinto a memoryview, hash full or sliced views.
import hashlib

path = "mv_test.bin"
data = bytes(range(256)) * 3 + b"tail-bytes"
with open(path, "wb") as f:
    print(f.write(memoryview(data)[:700]), f.write(memoryview(data)[700:]))

h = hashlib.sha256()
buf = memoryview(bytearray(256))
sizes = []
with open(path, "rb") as f:
    while True:
        n = f.readinto(buf)
        sizes.append(n)
        if n == 0:
            break
        h.update(buf if n == 256 else buf[:n])
print(sizes)
print(h.digest() == hashlib.sha256(data).digest(), h.hexdigest())

ba = bytearray(8)
with open(path, "rb") as f:
    print(f.readinto(memoryview(ba)[2:6]), ba)
    try:
        f.readinto(memoryview(b"abcd"))
    except TypeError:
        print("TypeError readonly")
import os
os.remove(path)
