# Int format specs: bases, sign, width, fill, alignment, grouping, alternate, big ints.
vals = [0, 7, -7, 255, -255, 65535, 10 ** 12, -(2 ** 70)]
specs = ["d", "+d", " d", "5d", "<6d", "^7d", "=+8d", "08d", ",d", "_d", "x", "#x", "X", "#X",
         "o", "#o", "b", "#b", "_b", "10x", "#010x", "*>8"]
for v in vals:
    print(v, " ".join("[" + format(v, s) + "]" for s in specs))
print(format(65, "c"), format(0x263A, "c"), format(True, "d"), format(5, ".2f"), format(5, "e"), format(5, "%"))
print("{:,}".format(-1234567), "{:_x}".format(0xFFFFFFFF), "{:#_b}".format(10))
try:
    format(5, ".2d")
except ValueError as e:
    print(type(e).__name__, e)
