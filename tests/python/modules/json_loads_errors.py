# json.loads rejects bad documents with ValueError (JSONDecodeError in CPython).
import json
for text in ["", "[", "[1,]", "{'a': 1}", '{"a" 1}', "tru", "[1 2]", '"abc', "01", "1.",
             "-", "[1]x", '{"a":1,}', "nul", '"\\x"', "{1: 2}"]:
    try:
        json.loads(text)
        print("parsed", repr(text))
    except ValueError as e:
        print(repr(text), isinstance(e, ValueError))
for v in [{1, 2}, object(), b"x", 1j]:
    try:
        json.dumps(v)
    except TypeError as e:
        print(type(e).__name__)
print(json.loads("NaN") != json.loads("NaN"), json.loads("-Infinity"))
print(json.dumps(float("inf")), json.dumps(-float("inf")))
