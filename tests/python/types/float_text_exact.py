# Float text at its edges: shortest repr (powers of two, subnormals, ties), exact long
# expansions ('%.30f', '.60e', 1e300 'f'), carries, huge/tiny literals and float() of hostile text.
import struct
def bits(h):
    return struct.unpack('>d', bytes.fromhex(h))[0]
for h in ['0060000000000000', '0010000000000000', '000fffffffffffff', '0000000000000001',
          '7fefffffffffffff', '4310565a94b4e5f5', '3ff0000000000001', '43400000000000ff']:
    x = bits(h)
    print(h, repr(x), str(-x), float(repr(x)) == x)
for p in range(-1074, 1024, 97):
    print(p, repr(2.0 ** p), '%.3e' % 2.0 ** p)
print('%.30f' % 0.1, '%.60e' % 0.1)
print(format(1e300, 'f'))
print('%.1100f' % 5e-324 == '%.1074f' % 5e-324 + '0' * 26, len('%.1100f' % 5e-324))
print('%.800e' % 2.0 ** -1074)
print(format(2.0 ** 1023, '.400g'))
print('%.0f %.0f %.0f %.0f %.1f %.2f' % (0.5, 1.5, 2.5, 1e22, 0.05, 0.125))
print('%.3e %.3e %.0e %.2g %g %g' % (9.9995, 9.9996, 9.5, 99.5, 999999.5, 9999995.0))
print(format(0.0, '.3e'), format(-0.0, '.0f'), format(5e-324, '.20g'), format(1e-300, '.3%'))
for v in [1e16, 9999999999999998.0, 1e-4, 9.999999999999999e-5, 1.5e-323, 123456789e-320]:
    print(repr(v), str(v), f'{v}', f'{v:.17}', f'{v:#.3g}')
print(round(2.675, 2), round(0.5e-300, 301), round(1.4e308, -308), round(5e-324, 323))
try:
    print(round(1.7976931348623157e308, -308))
except OverflowError as e:
    print('OverflowError', e)
for text in ['1e999999999', '-1e-999999999', '1' + '0' * 5000 + 'e-5000', '0.' + '0' * 5000 + '1e5001',
             '2.4703282292062327e-324', '2.4703282292062328e-324', '1.7976931348623158e308',
             '1.7976931348623157999e308', '9007199254740993', '9007199254740993.000000000000000000001',
             '1_000.000_1', '  +1.5E+3\n', '١٢٣.٤٥', 'infINITY', '-nan', '1__0', '1e', '.', '1.5_']:
    try:
        print(repr(float(text))[:40])
    except ValueError as e:
        print('ValueError', str(e)[:60])
print(0.1e-320, 1234567890123456789012345678901234567890.0, 1_0.0_1e1_0, 0e999999999999)
print(complex('1.5e300-2.5e-300j'), complex('-0.1+1e22j'))
