import re
m = re.match(r'(\w+) (\w+)', 'hello world foo')
print(m.group(0), m.group(1), m.group(2))
print(m.groups(), m.span(), m.start(2), m.end(1))
print(m.group(1, 2), m[0], m[2])
print(re.match('b', 'ab'), re.match('a', 'ab').group())
print(re.match('', 'abc').span())
print(m.string, m.pos, m.endpos, m.re.pattern)
print(type(m).__name__)
