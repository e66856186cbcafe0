# struct.pack and struct.unpack in a loop (a sensor-record shaped format).
import struct

acc = 0
for i in range(100000):
    b = struct.pack('<HhIf', i & 0xffff, -i & 0x7fff, i * 7, 1.5)
    a, c, d, e = struct.unpack('<HhIf', b)
    acc += a + c + d + int(e)
print(acc, struct.calcsize('<HhIf'))
