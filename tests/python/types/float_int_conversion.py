# int() of floats truncates toward zero; float() of strings.
for v in [0.0, 0.9, -0.9, 1.5, -1.5, 1e10, -1e10, 123456789.987, 1e20, 2.0 ** 70]:
    print(v, int(v))
for s in ["1", "1.5", "-2.25", " 3.0 ", "1e3", "1E-3", ".5", "5.", "inf", "-inf", "nan",
          "1_000.5", "+4.0", "10"]:
    print(repr(s), float(s))
for bad in ["", "abc", "1.2.3", "1e", "--1"]:
    try:
        float(bad)
    except ValueError as e:
        print(type(e).__name__, e)
print(float(True), float(3))
