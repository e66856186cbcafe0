import re
print(re.findall(r'^\w', 'ab\ncd', re.M), re.findall(r'^\w', 'ab\ncd'))
print(re.findall(r'\w$', 'ab\ncd', re.MULTILINE), re.findall(r'\w$', 'ab\ncd\n'))
print(re.findall(r'a.b', 'a\nb'), re.findall(r'a.b', 'a\nb', re.S), re.findall('a.b', 'a\nb', re.DOTALL))
print(re.findall('hello', 'Hello HELLO hello', re.I))
print(re.match('[a-z]+', 'ABC', re.IGNORECASE).group())
print(re.sub('(?i)hello', 'X', 'Hello HELLO hello'))
print(re.findall('(?m)^x', 'x\nx'), re.match('(?s).+', 'a\nb').group() == 'a\nb')
print(re.match(r'''\d +  # digits
                  [a-z]  # letter''', '12b', re.X).group())
print(re.match(r'(?i:A)b', 'ab'), re.match(r'(?i:A)b', 'aB'))
print(re.IGNORECASE == re.I, re.M == re.MULTILINE, re.S == re.DOTALL)
print(re.compile('a', re.I).flags & re.I != 0, re.compile('a').flags & re.I == 0)
