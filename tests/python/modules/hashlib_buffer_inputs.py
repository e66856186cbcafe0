# hashlib accepts bytes, bytearray, memoryview and array data; the result does not depend on it.
import hashlib
from array import array
data = b"\x00\x01\x02\x03" * 20
want = hashlib.sha256(data).hexdigest()
for v in (bytearray(data), memoryview(data), memoryview(bytearray(data))[0:], array("B", data)):
    print(type(v).__name__, hashlib.sha256(v).hexdigest() == want)
h = hashlib.sha1()
h.update(memoryview(data)[:40])
h.update(bytearray(data[40:]))
print(h.hexdigest() == hashlib.sha1(data).hexdigest(), h.name, hashlib.md5(data).digest_size)
for bad in ("text", 5, None):
    try:
        hashlib.sha256(bad)
    except TypeError as err:
        print(type(err).__name__)
