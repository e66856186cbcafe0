# json.loads: every value kind, nesting, whitespace, escapes, and JSONDecodeError messages.
import json


def t(s):
    try:
        print(repr(json.loads(s)))
    except json.JSONDecodeError as e:
        print('JSONDecodeError', e, '|', e.msg, e.pos, e.lineno, e.colno)
    except Exception as e:
        print(type(e).__name__, e)


print(issubclass(json.JSONDecodeError, ValueError))
for s in ['null', 'true', 'false', '0', '-0', '12', '-12', '1.5', '-1.5e3', '1E-2', '2e+2',
          '12345678901234567890', '"abc"', '"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"', '"\\u00e9\\u20ac"',
          '"\\ud83d\\ude00"', '[]', '{}', ' [ 1 , { "b" : null } ] ', '[1, [2, [3, []]]]',
          '{"a": {"b": {"c": [true, false]}}, "d": 1.25}', '{"a":1,"a":2}', 'NaN', '-Infinity',
          'Infinity', '"é€"', b'[1, "\xc3\xa9"]', bytearray(b'{"k": [1]}'), '\n\t 7 \r\n']:
    t(s)
for s in ['', ' ', '[', '[1,', '[1,]', '{', '{"a"', '{"a":', '{"a":1,', '{"a":1,}',
          '{"a" 1}', '{1:2}', '[1 2]', '"abc', '"a\\qb"', '"a\x01"', '"\\u12"', '"\\u12zz"',
          '1 2', 'tru', 'nul', '-', '01', '1.', '1e', '.5', '[1,\n2,\n x]', '[-]',
          '{"a":1 "b":2}', '\ufeff[1]', '["\t"]', '"\\', '{"é": x}', '[1]]']:
    t(s)
t(5)
t('[' * 5000)
t('{"a":' * 5000)
big = json.loads('[' + ', '.join(str(i) for i in range(1000)) + ']')
print(len(big), sum(big))
doc = {'list': list(range(5)), 'nested': {'x': [1.5, 'two', None]}, 'flag': True}
print(json.loads(json.dumps(doc)) == doc, json.loads(json.dumps(doc, indent=3)) == doc)
try:
    import ujson  # MicroPython's name
except ImportError:
    import json as ujson
print(ujson.loads('[1]'), ujson.dumps({'a': 1}))
