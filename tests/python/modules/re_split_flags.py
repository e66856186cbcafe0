# re.split with groups and maxsplit; IGNORECASE, MULTILINE, DOTALL.
import re
print(re.split(r",\s*", "a, b,c ,  d"), re.split(r"(,)", "a,b,c"), re.split(",", "a,b,c", maxsplit=1))
print(re.split(r"\W+", "Words, words, words."), re.split(r"x", ""))
print(re.findall("ab", "AB ab aB", re.I), re.findall("^\\w", "one\ntwo\nthree", re.M))
print(re.match("a.c", "a\nc"), re.match("a.c", "a\nc", re.S).group())
print(re.search("^b", "a\nb", re.MULTILINE).span(), re.search("^b", "a\nb"))
print(re.IGNORECASE == re.I, re.M == re.MULTILINE, re.S == re.DOTALL)
p = re.compile(r"(\d+)-(\d+)?")
m = p.match("12-")
print(m.groups(), m.groups("none"), m.group(0, 1), m.span(2), m.start(1), m.end(1))
