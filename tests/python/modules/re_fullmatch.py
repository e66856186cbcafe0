import re
print(re.fullmatch(r'a+b', 'aaab').span())
print(re.fullmatch(r'a+', 'aaab'))
print(re.fullmatch(r'a|ab', 'ab').group())
print(re.fullmatch(r'(a*?)(b?)', 'aab').groups())
p = re.compile(r'\d+')
print(p.fullmatch('12a34', 3).group(), p.fullmatch('12a34', 0, 2).group(), p.fullmatch('12a'))
