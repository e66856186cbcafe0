# json numbers: int and float text, exponents, big ints, round trips of float reprs.
import json
print(json.dumps([0, -0, 1.0, -0.0, 1e16, 1e-7, 0.1, 123456789012345678901234567890]))
print(json.loads("[0, -0, 1.0, -0.0, 1E16, 1e-7, 0.1, 123456789012345678901234567890]"))
for x in [0.1 + 0.2, 1 / 3, 2.5e-300, 1.7976931348623157e308]:
    print(json.loads(json.dumps(x)) == x, json.dumps(x))
print(json.dumps({"t": True, "f": False, "n": None}), json.loads("[true, false, null]"))
print(type(json.loads("1")).__name__, type(json.loads("1.0")).__name__, type(json.loads("1e2")).__name__)
print(json.dumps(2 ** 64), json.loads("-12345678901234567890"))
