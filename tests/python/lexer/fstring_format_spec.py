# f-string format specs, including nested {width} fields.
v = 3.14159
n = 255
w = 10
print(f"{v:.2f}|{v:10.3f}|{v:<10.1f}|{v:^10.2f}|")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b}")
print(f"{n:08d}|{n:+d}|{-n:d}|{n: d}|")
print(f"{n:>{w}}|{n:<{w}}|{n:^{w}}|")
print(f"{v:{w}.{2}f}|")
prec = 4
print(f"{v:.{prec}f} {v:{w}.{prec}e}")
print(f"{'abc':*^9}|{'abc':->7}|")
print(f"{1234567:,} {1234567:_} {1234567.891:,.2f}")
print(f"{0.25:%} {0.25:.0%}")
print(f"{12345.678:e} {12345.678:g} {0.00001234:g}")
fill = "0"
print(f"{7:{fill}>{w}}")
print(f"{'x':{fill}{'<'}{3}}|")
