# re.split with groups and maxsplit; findall/finditer with groups.
import re
print(re.split(r'[,;]\s*', 'a, b;c,d'), re.split(r'(,)', 'a,b,c'), re.split(',', 'a,b,c', maxsplit=1))
print(re.split(r'\W+', 'Words, words, words.'), re.split('x*', 'axbc'), re.split('(a)|(b)', 'xaybz'))
print(re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\w)(\d)', 'a1 b2 c'), re.findall('', 'ab'))
print([m.span() for m in re.finditer(r'o', 'foo boo')], [m.group(1) for m in re.finditer(r'<(\w+)>', '<a><bc>')])
p = re.compile(r'\d')
print(p.findall('a1b2c3', 2), p.split('a1b2c3'), p.sub('#', 'a1b2'), p.search('xx9').start())
