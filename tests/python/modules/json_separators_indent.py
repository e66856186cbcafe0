# json.dumps separators, indent (ints and strings), sort_keys together.
import json
doc = {"b": [1, 2, {"z": None, "a": True}], "a": "x", "c": {}, "d": []}
print(json.dumps(doc))
print(json.dumps(doc, separators=(",", ":")))
print(json.dumps(doc, separators=(" ,", " : ")))
print(json.dumps(doc, sort_keys=True))
print(json.dumps(doc, indent=2, sort_keys=True))
print(json.dumps(doc, indent="\t"))
print(json.dumps([1, [2, [3]]], indent=0))
print(json.dumps({"k": [1, 2]}, indent=1, separators=(",", ": ")))
print(json.dumps({3: 1, 1: 2}, sort_keys=True), json.dumps({True: 1, None: 2, 1.5: 3}))
