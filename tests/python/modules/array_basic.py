# array.array: construction, typecode, itemsize, indexing, len, iteration, repr.
from array import array
a = array('h', [1, -2, 3])
print(a, a.typecode, a.itemsize, len(a), a[0], a[-1], list(a), 3 in a, 4 in a)
print(array('b'), array('B', b'\x00\xff'), array('d', [1, 2.5]), array('f', [0.5, -1.25]))
print(array('H', range(5)), array('i', (x * x for x in range(4))), array('q', [2**40, -2**40]))
print(array('I', [2**32 - 1]), array('Q', [2**63 - 1]), array('i', array('h', [7, 8])))
for tc in 'bBhHiIqQfd':
    print(tc, array(tc).itemsize, array(tc, [1]).tolist())
