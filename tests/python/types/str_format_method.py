# str.format: positional, keyword, index and attribute access, specs.
print("{} {}".format("a", "b"), "{1} {0} {1}".format("x", "y"))
print("{name} is {age}".format(name="Ann", age=30))
print("{0[1]} {0[0]}".format(["p", "q"]), "{d[key]}".format(d={"key": "v"}))
class Pt:
    x = 3
    y = 4
print("{0.x},{0.y}".format(Pt()), "{p.x}".format(p=Pt))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{:06.2f} {:+d} {:x} {:#b}".format(3.14159, 5, 255, 5))
print("{0:{1}}|".format("w", 5), "{:{w}.{p}f}".format(2.71828, w=8, p=3))
print("{{literal}} {}".format(1))
print("{!r} {!s}".format("q", "q"))
print("{:,}".format(10 ** 9), "{:e}".format(1234.5))
try:
    "{} {}".format(1)
except IndexError as e:
    print(type(e).__name__, e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print(type(e).__name__, e)
print(format(255, "x"), format(3.5, ".3f"), format("s", ">3"), format(12))
