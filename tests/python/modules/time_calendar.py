def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# time.gmtime/localtime fields (the first eight) and mktime round trips, in UTC.
import time
for secs in [0, 86399, 86400, 951782400, 1700000000, 2000000000, -86400]:
    print(secs, tuple(time.gmtime(secs))[:8])
for t9 in [(2000, 2, 29, 12, 30, 45, 0, 0, 0), (2024, 12, 31, 23, 59, 59, 0, 0, 0), (1999, 13, 1, 0, 0, 0, 0, 0, 0)]:
    print(int(time.mktime(t9) - time.mktime(time.gmtime(0))))
print(len(time.gmtime()) >= 8, time.gmtime(1.9)[5], type(time.time_ns()).__name__)
t(lambda: time.gmtime('x'))
t(lambda: time.mktime((1, 2)))
t(lambda: time.mktime(5))
