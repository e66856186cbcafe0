import re
print(re.search(r'(?<=-)\w+', 'spam-egg').group())
print(re.findall(r'\w+(?=,)', 'a, b, c'))
print(re.findall(r'a(?!b)', 'ab ac ad'))
print(re.findall(r'(?<!\$)\b\d+', '$10 20 $30 40'))
print(re.search(r'(?<=ab)c', 'abc').span(), re.search(r'(?<=ab)c', 'xbc'))
print(re.match(r'(?=(\w+))\w', 'hello').group(1))
print(re.sub(r'(?<=\d)(?=(\d{3})+$)', ',', '1234567'))
try:
    re.compile(r'(?<=a+)b')
except re.error as e:
    print('error', e)
