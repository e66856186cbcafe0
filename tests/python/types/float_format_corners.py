# float format specs: e/f/g/%, precision, signs, alignment, grouping, inf/nan, negative zero.
x = 1234.5678
print(format(x, "e"), format(x, ".2e"), format(x, "E"), format(x, "f"), format(x, ".1f"))
print(format(x, "g"), format(x, ".3g"), format(x, ".10g"), format(1e-5, "g"), format(1e16, "g"))
print(format(x, ",.2f"), format(x, "_.3f"), format(x, "015,.2f"), format(-x, "+.1f"), format(x, " .0f"))
print(format(0.25, "%"), format(0.25, ".1%"), format(1 / 3, ".3%"), format(2.5, ".0f"), format(3.5, ".0f"))
print(format(float("inf"), "f"), format(float("-inf"), "e"), format(float("nan"), "g"), format(float("inf"), "+"))
print(format(float("nan"), "08.2f"), format(float("inf"), "^9"), format(-0.0, "f"), format(-0.0, "g"), format(-0.0, "+"))
print(format(1.0, ""), format(1e22, ""), format(1.5e-7, ""), format(123.0, "n"), format(0.1, ".17g"))
print(format(2.675, ".2f"), format(1.005, ".2f"), format(0.125, ".2f"), format(0.375, ".2f"))
print(format(x, "<12") + "|", format(x, ">12"), format(x, "^12") + "|", format(-x, "=12"), format(x, "*>12"))
print(format(1e300 * 10, ".2f"), format(5e-324, "g"), format(1.7976931348623157e308, ".3e"))
print("%.2f|%10.3e|%-8g|%G|%%|%5.1f%%" % (3.14159, 0.000123, 2.5, 1e-10, 99.44))
print(f"{x:.2f} {x:10.1f} {x:<10.1e}| {-x:+.0f} {x!r}")
for spec in ["d", ",x", "=s"]:
    try:
        print(format(1.5, spec))
    except ValueError as e:
        print("ValueError", e)
