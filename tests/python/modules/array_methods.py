def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# array methods: append, extend, insert, pop, index, count, reverse, tolist.
from array import array
a = array('i', [5, 3])
a.append(9)
a.extend([1, 1])
a.extend(array('i', [2]))
a.insert(0, 7)
a.insert(-1, 8)
a.insert(100, 6)
print(a, a.pop(), a.pop(0), a, a.index(1), a.count(1), a.count(42))
a.reverse()
print(a, a.tolist(), type(a.tolist()).__name__)
t(lambda: array('i').pop())
t(lambda: a.index(42))
t(lambda: a.pop(50))
t(lambda: a.extend(array('h', [1])))
t(lambda: a.append('x'))
