# collections.OrderedDict and defaultdict.
from collections import OrderedDict, defaultdict


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


o = OrderedDict()
o['b'] = 1
o['a'] = 2
o['c'] = 3
print(o, list(o), list(o.items()), o['a'], len(o), isinstance(o, dict))
o.move_to_end('b')
print(list(o))
o.move_to_end('b', last=False)
print(list(o))
print(o.popitem(), o.popitem(last=False), o)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
print(OrderedDict(a=1) != OrderedDict(a=1), OrderedDict([('x', 1), ('y', 2)]), OrderedDict())
c = o.copy()
c['z'] = 0
print(o, c, type(c).__name__)
t(lambda: OrderedDict().popitem())
t(lambda: OrderedDict(a=1).move_to_end('z'))
dd = defaultdict(list)
for word in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    dd[word[0]].append(word)
print(dd, dd['a'], 'z' in dd, len(dd))
counts = defaultdict(int)
for ch in 'mississippi':
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory)
print(dd.get('q'), 'q' in dd, defaultdict(None, {'k': 1}), defaultdict(int, a=1))
n = defaultdict(lambda: 'n/a')
print(n['x'], dict(n))
dc = counts.copy()
dc['z'] += 5
print(type(dc).__name__, dc['z'], counts['z'])
t(lambda: defaultdict(5))
t(lambda: defaultdict()['x'])
try:
    import ucollections  # MicroPython's name
except ImportError:
    import collections as ucollections
print(ucollections.deque([1], 2))
