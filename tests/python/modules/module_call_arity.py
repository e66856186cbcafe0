# Module functions called with the wrong number of arguments raise CPython's TypeError.
import binascii
import gc
import heapq
import json
import math
import os
import random
import struct
import time

calls = [
    ('math.sqrt(1, 2)', lambda: math.sqrt(1, 2)),
    ('math.sqrt()', lambda: math.sqrt()),
    ('math.floor()', lambda: math.floor()),
    ('math.pow(1)', lambda: math.pow(1)),
    ('math.pow(1, 2, 3)', lambda: math.pow(1, 2, 3)),
    ('math.atan2(1)', lambda: math.atan2(1)),
    ('math.copysign()', lambda: math.copysign()),
    ('math.ldexp(1, 2, 3)', lambda: math.ldexp(1, 2, 3)),
    ('math.isnan(1, 2)', lambda: math.isnan(1, 2)),
    ('math.factorial()', lambda: math.factorial()),
    ('struct.unpack("b")', lambda: struct.unpack('b')),
    ('time.sleep(1, 2)', lambda: time.sleep(1, 2)),
    ('time.sleep()', lambda: time.sleep()),
    ('time.time(1)', lambda: time.time(1)),
    ('time.monotonic(1)', lambda: time.monotonic(1)),
    ('heapq.heappush([])', lambda: heapq.heappush([])),
    ('heapq.heapreplace([1])', lambda: heapq.heapreplace([1])),
    ('binascii.unhexlify()', lambda: binascii.unhexlify()),
    ('binascii.crc32()', lambda: binascii.crc32()),
    ('binascii.crc32(b"", 0, 1)', lambda: binascii.crc32(b'', 0, 1)),
    ('gc.enable(1)', lambda: gc.enable(1)),
    ('gc.isenabled(1)', lambda: gc.isenabled(1)),
]
# Where CPython names the function after its C module (_struct, posix, Random) or words the
# error its own way, only the exception type is compared.
other_calls = [
    ('math.log()', lambda: math.log()),
    ('math.log(1, 2, 3)', lambda: math.log(1, 2, 3)),
    ('math.isclose(1)', lambda: math.isclose(1)),
    ('struct.calcsize()', lambda: struct.calcsize()),
    ('struct.pack()', lambda: struct.pack()),
    ('json.loads()', lambda: json.loads()),
    ('heapq.heappop()', lambda: heapq.heappop()),
    ('heapq.heapify([], 1)', lambda: heapq.heapify([], 1)),
    ('gc.collect(0, 1)', lambda: gc.collect(0, 1)),
    ('os.getcwd(1)', lambda: os.getcwd(1)),
    ('os.urandom()', lambda: os.urandom()),
    ('os.rename("a")', lambda: os.rename('a')),
    ('random.random(1)', lambda: random.random(1)),
    ('random.getrandbits()', lambda: random.getrandbits()),
    ('json.dumps()', lambda: json.dumps()),
    ('json.dumps(1, 2)', lambda: json.dumps(1, 2)),
]
for text, call in calls:
    try:
        call()
        print(text, 'returned')
    except TypeError as e:
        print(text, '->', e)
for text, call in other_calls:
    try:
        call()
        print(text, 'returned')
    except TypeError as e:
        print(text, '->', type(e).__name__)
print(math.sqrt(4), struct.calcsize('h'), heapq.nsmallest(1, [3, 2]))

# Methods of the modules' classes.
import array
import collections
import hashlib
import io
d = collections.deque([1, 2])
methods = [
    ('d.append()', lambda: d.append()),
    ('d.append(1, 2)', lambda: d.append(1, 2)),
    ('d.pop(1)', lambda: d.pop(1)),
    ('d.clear(1)', lambda: d.clear(1)),
    ('array.array("b").tolist(1)', lambda: array.array('b').tolist(1)),
    ('array.array("b").append()', lambda: array.array('b').append()),
    ('hashlib.sha256().digest(1)', lambda: hashlib.sha256().digest(1)),
    ('hashlib.sha256().update()', lambda: hashlib.sha256().update()),
    ('io.StringIO().getvalue(1)', lambda: io.StringIO().getvalue(1)),
    ('io.StringIO().write()', lambda: io.StringIO().write()),
    ('io.BytesIO().tell(1)', lambda: io.BytesIO().tell(1)),
]
for text, call in methods:
    try:
        call()
        print(text, 'returned')
    except TypeError as e:
        print(text, '->', e)
print(list(d))
