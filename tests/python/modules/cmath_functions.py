# cmath: MicroPython's functions and constants, results rounded where libm may differ.
import cmath
def r(z):
    z = complex(z)
    return complex(round(z.real, 12), round(z.imag, 12))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nanj)
print(cmath.sqrt(-1), cmath.sqrt(4), cmath.sqrt(3 + 4j), cmath.sqrt(-4j), cmath.sqrt(0j))
print(cmath.phase(1), cmath.phase(-1), cmath.phase(1j), cmath.phase(-1j), cmath.phase(-1 - 0j))
print(cmath.polar(1j), cmath.polar(-2), cmath.polar(3 + 4j))
print(cmath.rect(2, 0), r(cmath.rect(1, cmath.pi / 2)), r(cmath.rect(2, cmath.pi)))
print(cmath.exp(0), r(cmath.exp(1j * cmath.pi)), r(cmath.exp(1 + 1j)))
print(cmath.log(1), r(cmath.log(-1)), r(cmath.log(1j)), r(cmath.log(8, 2)))
print(cmath.log10(100), r(cmath.log10(-10)))
print(r(cmath.sin(1j)), r(cmath.cos(1j)), r(cmath.sin(1 + 1j)), r(cmath.cos(1 - 1j)))
print(r(cmath.tan(0.5j)), cmath.sin(0), cmath.cos(0))
print(cmath.isfinite(1j), cmath.isinf(cmath.infj), cmath.isnan(cmath.nanj), cmath.isnan(1))
z = 1.5 - 2.5j
print(r(cmath.rect(*cmath.polar(z))) == r(z), r(cmath.exp(cmath.log(z))) == r(z))
print(r(cmath.sqrt(z) ** 2) == r(z))
for bad in (lambda: cmath.log(0), lambda: cmath.sqrt("x"), lambda: cmath.phase(None)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    cmath.exp(1000)
except OverflowError as e:
    print(type(e).__name__, e)
