# time: gmtime/mktime round trips over many dates, localtime of a fixed offset-free time, ns.
import time
for t in (0, 86399, 951782400, 1700000000, 2147483647, 4102444800):
    g = time.gmtime(t)
    print(tuple(g)[:6], g[6], g[7])
print(time.gmtime(0)[:3], time.gmtime(1.9)[5])
ns = time.time_ns()
s = time.time()
print(type(ns).__name__, abs(ns / 1e9 - s) < 5)
print(time.mktime(time.localtime(1700000000)) == 1700000000)
print(isinstance(time.monotonic(), float), time.monotonic() <= time.monotonic())
