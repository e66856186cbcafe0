def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# OrderedDict and defaultdict in more detail.
from collections import OrderedDict, defaultdict
o = OrderedDict((k, 0) for k in 'abcde')
o.move_to_end('a')
o.move_to_end('e', False)
print(list(o), o.popitem(), o.popitem(False), list(o.keys()))
o.update(z=1)
del o['b']
print(o, len(o), 'c' in o, o.get('q', 'none'))
print(OrderedDict([(1, 2)]) == OrderedDict([(1, 2)]), OrderedDict(a=1, b=2) == {'b': 2, 'a': 1})
tree = defaultdict(lambda: defaultdict(int))
tree['a']['x'] += 1
tree['a']['y'] += 2
tree['b']['x'] += 3
print(sorted((k, sorted(v.items())) for k, v in tree.items()))
sets = defaultdict(set)
for k, v in [('a', 1), ('a', 2), ('b', 1), ('a', 1)]:
    sets[k].add(v)
print(sorted((k, sorted(v)) for k, v in sets.items()), sets.default_factory)
dd = defaultdict(None)
t(lambda: dd['missing'])
print(isinstance(dd, dict), dict(defaultdict(int, {'k': 5})))
