# time.gmtime/localtime give MicroPython's 8-tuple; mktime takes 8 fields back; the
# u-name utime is time.
import time
import utime
print(time.gmtime(0), len(time.localtime()), utime is time)
print(time.localtime(1700000000), time.mktime(time.localtime(1700000000)))
print(time.mktime((2000, 1, 1, 0, 0, 0, 5, 1)))
