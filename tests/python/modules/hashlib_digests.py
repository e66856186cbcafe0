# hashlib: md5/sha1/sha2 digests, incremental update, copy, new(), attributes, errors.
import hashlib


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    ctor = getattr(hashlib, name)
    h = ctor(b'abc')
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    print(ctor().hexdigest()[:16], ctor(b'x' * 1000).digest()[:8])
    g = ctor()
    for piece in [b'a', bytearray(b'b' * 63), b'c' * 65, b'', b'd' * 200]:
        g.update(piece)
    print(g.hexdigest() == ctor(b'a' + b'b' * 63 + b'c' * 65 + b'd' * 200).hexdigest())
h = hashlib.sha256(b'hello')
c = h.copy()
c.update(b' world')
print(h.hexdigest(), c.hexdigest(), c.hexdigest() == hashlib.sha256(b'hello world').hexdigest())
print(hashlib.new('sha1', b'abc').hexdigest(), hashlib.new('SHA256').name, hashlib.sha256(string=b'x').hexdigest()[:8])
print(len(hashlib.sha512(bytes(range(256)) * 100).digest()))
t(lambda: hashlib.sha256('text'))
t(lambda: hashlib.sha256().update(5))
t(lambda: hashlib.new('foo'))
try:
    import uhashlib  # MicroPython's name
except ImportError:
    import hashlib as uhashlib
print(uhashlib.sha256(b'').digest()[:4])
