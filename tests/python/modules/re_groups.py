import re
m = re.match(r'(a)(b)?(c)?', 'ac')
print(m.groups(), m.groups('-'), m.group(2), m.span(2), m.start(3))
m = re.match(r'((a)|(b))+', 'ab')
print(m.groups(), m.lastindex)
m = re.match(r'(?:x)(y)', 'xy')
print(m.groups(), m.lastindex, m.lastgroup)
for bad in (3, -1, 'nope'):
    try:
        re.match('(a)', 'a').group(bad)
    except IndexError as e:
        print('IndexError', e)
print(re.match(r'(a(b(c)))', 'abc').groups())
print(re.compile(r'(a)(b)(?:c)(d)').groups)
