import re
p = re.compile(r'(\d+)-(\d+)')
print(p.pattern, p.groups, p.groupindex == {})
print(p.match('10-20').groups(), p.search('x 1-2').span())
print(p.sub(r'\2-\1', '1-2 3-4'), p.subn('X', '1-2 3-4'), p.split('a1-2b'), p.findall('1-2 3-4'))
print(re.compile(p) is p)
try:
    re.compile(p, re.I)
except ValueError as e:
    print('ValueError', e)
print(p.match(string='5-6').group(), p.search('1-2', pos=1))
q = re.compile('')
print(q.match('abc').span())
