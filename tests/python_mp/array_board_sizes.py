# array: l/L are 4 bytes as on MicroPython's 32-bit ports; uarray is array.
import array
import uarray
print(array.array('l').itemsize, array.array('L', [2**32 - 1]), uarray is array)
print(array.array('l', [-2**31]).tobytes())
