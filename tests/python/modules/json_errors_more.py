def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# json.loads error positions and dumps type errors.
import json
for bad in ['', '[', '{"a" 1}', '[1,]', 'tru', '"abc', '{"a":1,}', '01', '[1] x', 'NaNa', '"\\x"']:
    try:
        json.loads(bad)
    except ValueError as e:
        print(repr(bad), '->', e)
t(lambda: json.dumps({(1, 2): 3}))
t(lambda: json.dumps(object) is None)
t(lambda: json.dumps({'a': b'x'}))
print(json.dumps({(1, 2): 3}, skipkeys=True), json.loads('NaN') != json.loads('NaN'), json.loads('Infinity'))
