# The natives' plain byte scan on its worst inputs: a needle that almost matches everywhere.
hay = 'a' * 3000
needle = 'a' * 1500 + 'b'
print(hay.find(needle), hay.rfind(needle), hay.count(needle), needle in hay)
print(len(hay.split(needle)), hay.replace(needle, 'x') == hay, hay.partition(needle)[1] == '')
print(hay.find('a' * 1500), hay.rfind('a' * 1500), hay.count('a' * 1500))
b = b'a' * 3000
print(b.find(b'a' * 1500 + b'b'), b.count(b'aa'), len(b.split(b'a' * 1499 + b'b')))
print(('ab' * 1000).count('aba'), ('é' * 500 + 'x').find('éx'), ('é' * 500).rfind('éé'))
