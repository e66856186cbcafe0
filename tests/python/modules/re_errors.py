import re
for pat in ['(a', 'a)', '*a', 'a**', '[a', '[z-a]', r'\q', r'(a)\2', 'a{3,2}', '(?P<1>a)',
            '(?P<a>x)(?P<a>y)', '(?P=nope)', '(?x', '+', 'a|*']:
    try:
        re.compile(pat)
        print('ok', pat)
    except re.error as e:
        print(repr(pat), '->', e, e.pos)
print(issubclass(re.error, Exception))
try:
    re.match('a', 1)
except TypeError as e:
    print('TypeError', e)
try:
    re.match('a', b'a')
except TypeError as e:
    print('TypeError', e)
try:
    re.match(b'a', 'a')
except TypeError as e:
    print('TypeError', e)
