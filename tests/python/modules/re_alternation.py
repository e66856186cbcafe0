import re
print(re.match('cat|dog', 'dogs').group(), re.match('a|ab|abc', 'abc').group())
print(re.findall('red|green|blue', 'red, green and blue'))
print(re.match('(?:a|b)+', 'abba!').group(), re.match('x(?:ab|cd)y', 'xcdy').group())
print(re.search('(^a|b$)', 'cab').span(), re.fullmatch('a|ab', 'ab').group())
print(re.match('|a', 'a').span(), re.match('(a|)+b', 'aab').group())
