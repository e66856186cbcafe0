# json.dump / json.load on file objects.
import json
import os

name = 'json_streams_tmp.json'
with open(name, 'w') as f:
    json.dump({'a': [1, 2, {'b': None}], 'c': 'd'}, f, indent=1)
with open(name) as f:
    print(repr(f.read()))
with open(name) as f:
    print(json.load(f))
with open(name, 'w') as f:
    f.write('{"bad": }')
with open(name) as f:
    try:
        json.load(f)
    except ValueError as e:
        print(type(e).__name__, e)
os.remove(name)
