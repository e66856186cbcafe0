def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# array errors: bad typecodes, out-of-range values, wrong item types.
from array import array
t(lambda: array('z'))
t(lambda: array('i', 'ab'))
t(lambda: array('b', [128]))
t(lambda: array('b', [-129]))
t(lambda: array('B', [256]))
t(lambda: array('B', [-1]))
t(lambda: array('h', [40000]))
t(lambda: array('H', [-5]))
t(lambda: array('i', [2**31]))
t(lambda: array('I', [-1]))
t(lambda: array('i', [1.5]))
t(lambda: array('d', ['x']))
t(lambda: array('i', [1])[3])
t(lambda: array('i', [1]).__setitem__(3, 1))
a = array('b', [1, 2])
t(lambda: a.append(1000))
print(a)
