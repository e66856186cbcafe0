# json: every JSON type through dumps and loads, unicode and escapes.
import json
doc = {'s': 'caf\u00e9 \u2603 "q" \\ \n\t', 'i': -12, 'big': 2**70, 'f': 1.5e-7, 'l': [True, False, None],
       'e': {}, 'el': [], 'n': {'deep': [[[]]]}}
s = json.dumps(doc, sort_keys=True)
print(s)
print(json.loads(s) == doc, json.dumps('\u00e9', ensure_ascii=False), json.dumps('\U0001f600'))
print(json.loads('"\\ud83d\\ude00"') == '\U0001f600', json.loads(' [1 , 2 ] '), json.loads('-0.0'))
print(json.dumps(1e300 * 10), json.dumps(-1e300 * 10), json.loads('[1E2, 2e-1, 10]'))
print(json.dumps({1: 'int key', 2.5: 'float key', True: 'bool', None: 'none'}))
