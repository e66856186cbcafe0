import re
print([m.span() for m in re.finditer(r'\w+', 'ab cd  ef')])
it = re.finditer('a', 'banana')
print(next(it).start(), next(it).start(), next(it).start())
try:
    next(it)
except StopIteration:
    print('done')
print([m.group() for m in re.finditer('x*', 'axb')])
print([m.groups() for m in re.compile(r'(\d)(\w)').finditer('1a 2b 3c', 3)])
print(list(re.finditer('z', 'abc')))
