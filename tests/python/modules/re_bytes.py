import re
print(re.match(rb'(\d+)', b'42abc').group(1))
print(re.findall(rb'[a-z]+', b'ab 12 cd'))
print(re.sub(b'a', b'b', b'banana'), re.split(rb'\s', b'a b'))
print(re.search(rb'\w+', b'\xff\xfeab').span())
print(re.compile(b'x').pattern, re.match(b'.', b'\n'), re.match(b'.', b'\n', re.S))
print(re.match(rb'A', b'a', re.I).group(), re.fullmatch(b'[^a]', b'\x00').span())
print(re.match(b'a', bytearray(b'ab')).group())
