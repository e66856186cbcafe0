import re
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c9'))
print(re.sub(r'\w+', lambda m: m.group().upper(), 'hello big world'))
seen = []
def rec(m):
    seen.append(m.span())
    return '<' + m.group() + '>'
print(re.sub('o+', rec, 'foo boo zo'), seen)
print(re.compile('x').subn(lambda m: 'y', 'xax'))
try:
    re.sub('a', lambda m: 1, 'a')
except TypeError as e:
    print('TypeError')
