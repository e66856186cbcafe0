import re
print(re.search(r'\d+', 'abc 123 def').group())
print(re.search(r'\d+', 'abc def'))
print(re.search('c$', 'abc').span(), re.search('^a', 'ba'))
print(re.search('x', 'x' * 5).start())
print(re.search('[0-9]{3}-[0-9]{4}', 'call 555-1234 now').group())
p = re.compile('o')
print(p.search('foo boo', 3).span(), p.search('foo boo', 0, 2), p.search('foo', 2).span())
print(p.match('foo', 1).span(), p.match('foo'))
