import re
print(re.match('abc', 'abcd'))
print(re.search(r'\s', 'a b'))
print(re.compile('ab'), re.compile('a', re.I), re.compile('x', re.M | re.S))
print(repr(re.compile(r'\d+')))
print(re.match(b'ab', b'abc'))
print(re.compile(b'a+'))
print(re.search("'", "it's"))
