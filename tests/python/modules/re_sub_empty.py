import re
print(re.sub('x*', '-', 'abxd'))
print(re.sub('', '-', 'abc'))
print(re.sub('b*', '+', 'abbc'))
print(re.subn('(?=b)', '^', 'abab'))
print(re.sub(r'\b', '|', 'hi there'))
print(re.sub('$', '!', 'line\n'))
