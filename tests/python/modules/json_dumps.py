# json.dumps: scalars, nesting, separators, indent, sort_keys, ensure_ascii, default, errors.
import json


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = {'b': [1, 2.5, None, True, False], 'a': {'x': 'y\n"q"'}, 'c': [], 'd': {}}
print(json.dumps(d))
print(json.dumps(d, indent=2))
print(json.dumps(d, indent='\t', sort_keys=True))
print(json.dumps(d, separators=(',', ':')))
print(json.dumps(d, indent=0))
print(json.dumps(d, indent=-1))
print(json.dumps([1, [2, [3]]], indent=1, separators=(', ', ': ')))
print(json.dumps('é€😀\x00\x1f\x7f\\/\b\f\r\t'))
print(json.dumps('é€\x7f\x01', ensure_ascii=False))
print(json.dumps({1: 2, 2.5: 3, True: 4, None: 5, False: 6}))
print(json.dumps([float('inf'), float('-inf'), float('nan'), 1e20, 1e-7, 0.1, -0.0, 3.0]))
print(json.dumps((1, (2,))), json.dumps(2**100), json.dumps(-7), json.dumps(''))
print(json.dumps({'b': 1, 'a': 2, 'c': {'z': 1, 'y': 2}}, sort_keys=True))
print(json.dumps({1, 2}, default=sorted), json.dumps([], indent=2), json.dumps({}, indent=2))
print(json.dumps({'a': [], 'b': {}}, indent=2))
print(json.dumps({(1,): 2, 'k': 1}, skipkeys=True))
t(lambda: json.dumps({(1,): 2}))
t(lambda: json.dumps({1, 2}))
t(lambda: json.dumps(b'x'))
t(lambda: json.dumps(float('nan'), allow_nan=False))
t(lambda: json.dumps({'b': 1, 2: 2}, sort_keys=True))
t(lambda: json.dumps([1], bogus=1))
t(lambda: json.dumps(object(), default=lambda o: o))
loop = []
loop.append(loop)
t(lambda: json.dumps(loop))
loop2 = {}
loop2['a'] = loop2
t(lambda: json.dumps(loop2))
deep = []
for i in range(5000):
    deep = [deep]
t(lambda: json.dumps(deep))
ok = []
for i in range(20):
    ok = [ok, {'k': i}]
print(len(json.dumps(ok)), json.dumps(ok)[:60])


class L(list):
    pass


class D(dict):
    pass


print(json.dumps(L([1, D(a=2)])))
