# hashlib.sha256 of 1 MiB, fed in 4 KiB pieces, 4 times.
import hashlib

piece = bytes(range(256)) * 16
for _ in range(4):
    h = hashlib.sha256()
    for _ in range(256):
        h.update(piece)
print(h.hexdigest())
