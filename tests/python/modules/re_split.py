import re
print(re.split(r'x*', 'axbc'))
print(re.split(r'(,)', 'a,b,c'))
print(re.split(',', 'a,b,c', maxsplit=1))
print(re.split(r'\s+', '  lead and trail  '))
print(re.split(r'(a)|(b)', 'xaybz'))
print(re.split('z', 'abc'), re.split('', 'ab'))
print(re.compile(r'\W+').split('Words, words, words.', 1))
print(re.split(b'-', b'a-b'))
