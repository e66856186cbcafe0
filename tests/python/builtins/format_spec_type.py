# format()'s second argument must be a str (a subclass too).
class S(str):
    pass


print(format(3, S('>4')))
for s in (5, b'x', 1.5):
    try:
        format(1, s)
    except TypeError as e:
        print(e)
print(format(2.5), format('ab', '^6'), format(7, ''))
