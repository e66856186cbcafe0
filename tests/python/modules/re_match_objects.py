def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# re match objects: group/groups/groupdict/span/start/end/expand/lastindex.
import re
m = re.search(r'(?P<key>\w+)=(?P<val>\d+)?', 'x: speed=', )
print(m.group(0), m.group('key'), m.group(2), m.groups(), m.groups('none'), m.groupdict('-'))
m = re.match(r'(\d+)-(\d+)', '10-20 rest')
print(m.span(), m.span(2), m.start(1), m.end(1), m[1], m[0], m.expand(r'\2:\1'), m.lastindex)
print(m.string, m.re.pattern, m.pos, m.endpos)
t(lambda: m.group(3))
t(lambda: m.group('nope'))
print(re.match('a', 'b') is None, bool(re.match('', '')))
