# re.sub and re.subn with functions, counts and group references.
import re
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "a1 b22 c333"))
print(re.subn(r"(\w)(\w*)", lambda m: m.group(2) + m.group(1) + "ay", "hello big world"))
print(re.sub(r"(?P<k>\w+)=(?P<v>\w+)", r"\g<v>=\g<k>", "a=1, b=2"))
print(re.sub("a", "b", "aaaa", count=2), re.sub("x*", "-", "abc"))
print(re.sub(r"(a)|b", lambda m: "A" if m.group(1) else "B", "abcab"))
print(re.compile(r"\s+").sub(" ", "a  b\t\tc\n d"))
print(re.sub(r"(\d)", r"<\1>", "x1y2"), re.sub(r"^", ">", "ab\ncd", flags=re.M))
try:
    re.sub(r"(a)", r"\2", "a")
except re.error as e:
    print(type(e).__name__)
