# int format specs: signs, alternate forms, zero padding, grouping, alignment, chars.
n = 1234567
print(format(n, ","), format(n, "_"), format(-n, ",d"), format(n, "_x"), format(n, "_b"))
print(format(42, "+"), format(42, " "), format(-42, " "), format(42, "-"), format(0, "+"))
print(format(255, "#x"), format(255, "#X"), format(8, "#o"), format(5, "#b"), format(-255, "#x"))
print(format(42, "08"), format(-42, "08"), format(42, "+08"), format(42, "#010x"), format(-5, "#06b"))
print(format(42, "<6") + "|", format(42, ">6"), format(42, "^6") + "|", format(-42, "=8"), format(42, "*^9"))
print(format(65, "c"), format(0x263A, "c"), format(10, "n"), format(True, "d"), format(False, "x"))
print(format(2 ** 70, ","), format(-2 ** 64, "x"), format(10 ** 20, "_"), format(2 ** 65, "#o"))
print(format(12, "e"), format(12, ".2f"), format(7, "%"), format(3, "g"))
print("%5d|%-5d|%05d|%+d|%x|%X|%o|%#x|%#o" % (42, 42, 42, 42, 255, 255, 8, 255, 8))
print("%c%c" % (72, "i"), "%i" % 3.9, "%d" % -0.5, "%.3d" % 7, "%*d" % (5, 1))
for spec in ["z", ",c", "=s", ".2d", "#c"]:
    try:
        print(format(42, spec))
    except ValueError as e:
        print("ValueError", e)
