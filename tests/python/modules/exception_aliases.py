# IOError and EnvironmentError are OSError.
print(IOError is OSError, EnvironmentError is OSError, IOError.__name__)
try:
    raise IOError('disk on fire')
except OSError as e:
    print(type(e).__name__, e.args, e.errno)
try:
    open('/definitely/not/here.txt')
except IOError as e:
    print(type(e).__name__, isinstance(e, EnvironmentError))
print(issubclass(FileNotFoundError, IOError))
