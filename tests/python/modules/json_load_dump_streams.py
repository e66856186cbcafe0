# json.dump/json.load on StringIO streams, and round trips of nested values.
import io
import json
buf = io.StringIO()
json.dump({"list": [1, 2.5, "three", None, True, False]}, buf)
print(buf.getvalue())
buf.seek(0)
print(json.load(buf))
buf = io.StringIO()
json.dump([{"a": {"b": {"c": [1, [2, [3]]]}}}], buf, indent=1)
print(buf.getvalue())
print(json.load(io.StringIO(buf.getvalue())))
print(json.loads(' \n {"x" : [ 1 , 2 ] } \t'))
print(json.loads('"\\u00e9\\ud83d\\ude00\\n"'), json.loads("[1e3, -0.5, 10E-2, -0]"))
print(json.dumps("é😀\x01\"\\"), json.dumps("é", ensure_ascii=False))
print(json.loads(json.dumps({"k": "v" * 3})))
