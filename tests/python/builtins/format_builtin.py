# format() builtin with many specs.
print(format(3.14159, ".2f"), format(42, "05d"), format(42, "x"), format(42, "#o"), format(42, "b"))
print(format("left", "<10") + "|", format("right", ">10") + "|", format("mid", "^10") + "|")
print(format(1234567.891, ",.2f"), format(0.5, ".1%"), format(1e-5, "e"), format(123, ""))
print(format(-3, "+"), format(3, "+"), format(3, " "), format(-3.5, "08.2f"))
print(format(True, "d"), format(65, "c"), format(10 ** 20, ","))
print(format(2.5, "g"), format(1e20, "g"), format(0.0001, "g"), format(123456789, "g"))
print(format(float("inf"), "f"), format(float("nan"), "e"), format(-0.0, "f"))
try:
    format("s", "d")
except ValueError as e:
    print(type(e).__name__, e)
