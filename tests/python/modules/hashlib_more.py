# hashlib: incremental updates equal one-shot digests; copy; sizes; memoryview input.
import hashlib
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    h = getattr(hashlib, name)()
    for chunk in [b'a' * 63, b'b' * 65, b'', b'c' * 200]:
        h.update(chunk)
    one = getattr(hashlib, name)(b'a' * 63 + b'b' * 65 + b'c' * 200)
    print(name, h.hexdigest() == one.hexdigest(), h.digest_size, h.block_size, h.name)
h = hashlib.sha256(b'abc')
c = h.copy()
c.update(b'd')
print(h.hexdigest()[:16], c.hexdigest()[:16], hashlib.sha256(memoryview(b'abcd')).hexdigest()[:16])
print(hashlib.new('sha1', b'x').hexdigest(), hashlib.md5(bytearray(b'x')).hexdigest())
try:
    hashlib.sha256('text')
except TypeError as e:
    print('TypeError', e)
