# Match objects: groupdict, lastindex, lastgroup, expand, optional groups, nested groups.
import re
m = re.match(r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P<day>\d\d))?", "2024-05 rest")
print(m.groupdict(), m.groupdict("?"), m.lastindex, m.lastgroup)
print(m.group("year", "month"), m["month"], m.start("month"), m.end("day"), m.span("day"))
print(m.expand(r"\g<month>/\g<year>"), m.expand(r"[\2]"))
n = re.search(r"((a)(b(c)))", "xxabcx")
print(n.groups(), n.group(0), n.group(3, 4), n.lastindex, n.regs if False else n.span(3))
print(re.match(r"(a)|(b)", "b").groups(), re.match(r"(a)|(b)", "b").lastindex)
print(re.fullmatch(r"(\w+)@(\w+)\.com", "me@host.com").group(2))
for bad in (lambda: m.group(9), lambda: m.group("nope")):
    try:
        bad()
    except IndexError as err:
        print(type(err).__name__)
print([x.group() for x in re.finditer(r"\b\w", "one two  three")])
