# hashlib: update in pieces equals one update; copy forks the state; digest sizes.
import hashlib
for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
    h = getattr(hashlib, name)()
    for piece in (b"a" * 63, b"b", b"c" * 200, b""):
        h.update(piece)
    whole = hashlib.new(name, b"a" * 63 + b"b" + b"c" * 200)
    c = h.copy()
    c.update(b"more")
    print(name, h.digest_size, h.block_size, h.hexdigest() == whole.hexdigest(), c.digest() != h.digest())
print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.md5(b"").hexdigest(), hashlib.sha1(b"The quick brown fox jumps over the lazy dog").hexdigest())
try:
    hashlib.sha256("text")
except TypeError as e:
    print(type(e).__name__)
