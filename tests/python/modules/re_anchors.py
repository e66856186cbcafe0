import re
print(re.findall('^', 'a\nb', re.M), re.findall('$', 'a\nb', re.M))
print(re.search('^b', 'a\nb'), re.search('^b', 'a\nb', re.M).span())
print(re.search('a$', 'a\n').span(), re.search(r'a\Z', 'a\n'))
print(re.match('$', '').span(), re.fullmatch('', '').span())
p = re.compile('^x')
print(p.search('ax', 1), p.match('ax', 1), p.match('xa').span())
print(re.sub('^', '> ', 'l1\nl2', flags=re.M))
