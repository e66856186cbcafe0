# Float text: repr, %-formatting, format() and float() of 2,000 varied floats, 25 rounds.
vals = []
x = 0.1
for i in range(2000):
    x = x * 1.37 + 0.001 * i
    if x > 1e6:
        x = x / 7.3e5
    vals.append(x if i % 3 else -x / 1e4)
n = 0
for r in range(25):
    for v in vals:
        s = repr(v)
        n += len(s)
        n += len('%.3f' % v)
        n += len(format(v, '.6e'))
        n += len(format(v, 'g'))
        if float(s) != v:
            n += 1000000
print(n, repr(vals[-1]), '%.20e' % vals[7])
