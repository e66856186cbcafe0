# Float format specs: f, e, g, %, with precision, width, sign, grouping and alternate form.
vals = [0.0, -0.0, 1.0, -1.5, 0.1, 123.456, 1e-7, 1e16, 123456789.125, 2.5, 3.5, 0.125, 1e300]
specs = [".0f", ".1f", ".3f", ".2e", ".3g", "g", "e", "10.2f", "<10.1f", "+.1f", " .2f", ",.2f",
         ".1%", "#.0f", "015.3f", "^12.2e", ".10g"]
for v in vals:
    print(repr(v), " ".join("[" + format(v, s) + "]" for s in specs))
print(format(1.23456789e-5, ".4g"), format(123456.0, ".4g"), format(0.0001, ".1g"), format(1e5, "g"))
print(format(float("inf"), "+.2f"), format(float("-inf"), "e"), format(float("nan"), "10.1f") + "|")
print("%.3f %10.4e %-8.2g| %G %E" % (2.0 / 3, 12345.6789, 0.000012345, 1e-10, 1.5))
