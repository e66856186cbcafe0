import re
print(re.sub(r'(\w)(\d)', r'\2\1', 'a1 b2 c3'))
print(re.sub(r'(\w+)@(\w+)', r'\g<2> at \g<1>', 'me@host'))
print(re.sub('a', r'\n', 'xax') == 'x\nx')
print(re.sub('a', r'\\', 'xax'))
print(re.sub('(a)|b', r'[\1]', 'ab'))
print(re.sub('a', '-', 'aaa', count=2), re.sub('a', '-', 'aaa', 0))
print(re.subn(r'\s+', ' ', 'a  b   c'))
print(re.sub('(b)', r'\g<0>\g<0>', 'abc'))
for t in (r'\9', r'\g<x>', r'\q', r'\g<1'):
    try:
        re.sub('(a)', t, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
