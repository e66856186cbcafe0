import re
print(re.findall(r'\d', 'a1b22'))
print(re.findall(r'(\w)=(\d)', 'a=1 b=2'))
print(re.findall(r'(\w)=\d', 'a=1 b=2'))
print(re.findall(r'(a)|b', 'ab'))
print(re.findall('', 'ab'))
print(re.findall(r'\w*', 'a bc'))
p = re.compile(r'\d+')
print(p.findall('1 22 333 4444', 2), p.findall('1 22 333', 0, 4))
