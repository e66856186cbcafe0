# `in` on bytes (ints in range, bytes-like needles) and on what cannot be iterated, as CPython words the errors.
import array
class G:
    def __getitem__(self, i):
        if i < 3: return i
        raise IndexError
class I:
    def __iter__(self): return iter([5])
def gen(): yield 1
d = {1: 2}
cases = [lambda: 300 in b'x', lambda: 'a' in b'abc', lambda: -1 in bytearray(b'\xff'), lambda: 44 in b',', lambda: b'b' in b'abc',
 lambda: 1.0 in b'\x01', lambda: True in b'\x01', lambda: memoryview(b'bc') in b'abc', lambda: bytearray(b'') in b'',
 lambda: 'a' in 5, lambda: 1 in None, lambda: 2 in G(), lambda: 5 in I(), lambda: 1 in gen(), lambda: 2 in d.values(),
 lambda: 2 in iter([2]), lambda: 98 in memoryview(b'ab'), lambda: 1 in array.array('i', [1]), lambda: 1 in object()]
for f in cases:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
