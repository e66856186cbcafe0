# re.sub/subn with counts, group references, callables and flags.
import re
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@home ann@work'), re.subn('a', 'b', 'banana'))
print(re.sub('a', 'X', 'banana', count=2), re.sub(r'\s+', ' ', '  a \t b\n c  ').strip())
print(re.sub(r'(?P<w>\d+)', lambda m: str(int(m.group('w')) * 2), 'a1 b22 c333'))
print(re.sub('x*', '-', 'abc'), re.sub(r'\bcat\b', 'dog', 'cat catalog cat'))
print(re.sub('A', 'b', 'aAa', flags=re.I), re.sub(r'^', '> ', 'l1\nl2', flags=re.M))
print(re.sub(r'(a)(b)?', r'[\1\2]', 'ab a'), re.sub(r'\.', r'\\.', 'a.b'))
