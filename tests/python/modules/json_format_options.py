# json.dumps formatting: indent (int and str), separators, sort_keys, default.
import json
d = {'b': [1, {'c': None}], 'a': 'x'}
print(json.dumps(d, indent=2))
print(json.dumps(d, indent='\t', sort_keys=True))
print(json.dumps(d, separators=(',', ':')), json.dumps([], indent=4), json.dumps({}, indent=4))
print(json.dumps([1, [2, [3]]], indent=0))
print(json.dumps({'when': {1, 2}}, default=lambda o: sorted(o)))
print(json.dumps(d, sort_keys=True, separators=(', ', ': '), indent=None))
