# OSError's filename: given as the third argument, kept apart from args, shown by str().
for a in [(2, 'No', 'f.txt'), (2, 'No', 'f.txt', None), (2, 'No'), ('x',), (2, 'No', None)]:
    e = OSError(*a)
    print(a, e.args, str(e), e.filename, e.errno, e.strerror)


class E(OSError):
    pass


e = E(13, 'Denied', 'secret')
print(type(e).__name__, e.args, str(e), e.filename)
try:
    raise OSError(2, 'No such file', 'missing.txt')
except OSError as e:
    print(e.errno, e.strerror, e.filename, e)
print(ValueError(1, 2, 3).args)
try:
    open('/nonexistent-dir/x.txt')
except OSError as e:
    print(e.errno, e.filename, e)
