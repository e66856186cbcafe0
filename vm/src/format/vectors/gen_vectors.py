"""Prints the CPython 3.11 test vectors for mote's format module.

Usage: python3 gen_vectors.py NAME > NAME.rs   (NAME: format_int, format_float, format_str, ...)
Each output file is a Rust array expression that a unit test `include!`s.
"""
import struct
import sys

def rs(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '\\': out.append('\\\\')
        elif ch == '"': out.append('\\"')
        elif 32 <= o < 127: out.append(ch)
        else: out.append('\\u{%x}' % o)
    return '"' + ''.join(out) + '"'

KIND = {ValueError: 'Value', TypeError: 'Type', OverflowError: 'Overflow'}

def outcome(fn):
    try:
        return 'Ok(%s)' % rs(fn())
    except (ValueError, TypeError, OverflowError) as e:
        return 'Err((%s, %s))' % (KIND[type(e)], rs(str(e)))


def bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def main(which):
    print("// Printed by CPython 3.11 (vectors/gen_vectors.py); regenerate, do not edit by hand.")
    print("[")
    if which.startswith('percent'):
        emit_percent(which)
    elif which.startswith('template'):
        emit_template(which)
    else:
        emit(which)
    print("]")


def emit(which):
    import random
    random.seed(3)
    if which == 'format_int':
        values = [0, 1, -1, 7, -42, 255, 1234, -1234, 65, 1234567890, -987654321, 2**63-1, -2**63, 2**64, -(3**50), 10**30, 0x10ffff, 0x110000]
        specs = ['', 'd', 'x', 'X', 'o', 'b', 'n', 'c', '#x', '#X', '#o', '#b', '+d', ' d', '-d', ',', '_', '_x', '_b', '#_x', ',d', '8', '08', '-08', '<8', '>8', '^8', '=8', '*^9', '0=9,', '010,', '012,d', '+012,', '#012x', '#012_b', 'x<+#10x', ' 7', '+', ',x', '_c', '.2', 'z', 'zd', '+c', '#c', '5c', '<3c', 'e', 'E', 'f', '.2f', 'g', 'G', '%', '.1%', ',.2f', '012.3e', 's', 'q', 'ab', '.', ',_', '_,', '__', ',,', '0', '00', '1', '020_', '09_x', '\u00e9', ' ', '=+7', '0>5', '0<5', '0^5', '#', '#d']
        for v in values:
            for s in specs:
                vs = rs(str(v))
                print('        (%s, %s, %s),' % (vs, rs(s), outcome(lambda: format(v, s))))
    elif which == 'format_float':
        nan = float('nan'); inf = float('inf')
        values = [0.0, -0.0, 1.0, -1.5, 0.1, 2.675, 1234.5678, -1234567.891, 1e16, 1e-5, 1.5e-7, 123456789.0, 1e22, 5e-324, 1.7976931348623157e308, inf, -inf, nan, 0.5, 2.5, -0.0004, 100.0, 9.9999, 0.125, 123.0, 99999.5, 1e300]
        specs = ['', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%', '.0', '.1', '.2', '.3', '.10', '.17', '.0e', '.3e', '#.0e', '.0f', '.2f', '#.0f', '.12f', '.0g', '.1g', '.3g', '#g', '#.3g', '#', '#.3', '.3%', '.0%', '+', ' ', '-', '+.2f', ' e', 'z', 'z.1f', 'z.3', 'z.0e', 'z%', ',', '_', ',.2f', '_.3f', '015,.2f', '012', '012.3e', '-012.2f', '<12', '>12', '^12', '=12', '*^12.3', '0=+14,.1f', '020,', '+015_', 'd', 'x', 'c', 's', ',n', '.2147483648f', '.', 'zz', 'ab', '10.50f', 'n', '.3n', '012n']
        for v in values:
            for s in specs:
                print('        (0x%016x, %s, %s),' % (__import__('struct').unpack('<Q', __import__('struct').pack('<d', v))[0], rs(s), outcome(lambda: format(v, s))))
    elif which == 'format_str':
        values = ['', 'a', 'abc', 'hello world', '\u00e9t\u00e9', '\u4e2d\u6587\U0001F600']
        specs = ['', 's', '5', '<5', '>5', '^5', '^6', '*^7', '\u00e9>6', '.2', '.0', '10.3', '^10.3s', '05', '0<5', '0>5', '0=5', '=5', '+', '-', ' ', '#', 'z', ',', '_', ',s', 'd', 'x', 'ab', '.', '3.1', '<', '\u4e2d^8', 'x<3']
        for v in values:
            for s in specs:
                print('        (%s, %s, %s),' % (rs(v), rs(s), outcome(lambda: format(v, s))))


def emit_percent(which):
    import random
    random.seed(11)
    inf = float('inf'); nan = float('nan')
    def arg(v):
        if isinstance(v, str): return 'Text(%s)' % rs(v)
        if isinstance(v, float): return 'Float(0x%016x)' % bits(v)
        if -2**63 <= v < 2**63: return 'Small(%d)' % v
        return 'Big(%s)' % rs(str(v))
    if which == 'percent_render':
        flags = ['', '-', '+', ' ', '#', '0', '-0', '+0', '#0', ' #', '-#', '+#0', '+ ']
        widths = ['', '1', '8', '*']
        precs = ['', '.', '.0', '.3', '.*']
        groups = [('diuoxX', [0, 7, -255, 123456, 10**25, -(2**70), 2**63 - 1]),
                  ('eEfFgG', [0.0, -0.0, 1.5, -2.675, 1234567.891, 1e-7, 1e22, inf, -inf, nan, 0.5, 123.456]),
                  ('s', ['', 'abc', '\u00e9\u00e9']),
                  ('c', [65, 0x4e2d, 'x'])]
        cases = []
        for letters, values in groups:
            for l in letters:
                for v in values:
                    for f in flags:
                        for w in widths:
                            for p in precs:
                                cases.append((f, w, p, l, v))
        random.shuffle(cases)
        for f, w, p, l, v in cases[:1500]:
            fmt = '%' + f + w + p + l
            args = []
            if w == '*': args.append(random.choice([6, -6, 0, 11]))
            if p == '.*': args.append(random.choice([2, 0, -1, 5]))
            args.append(v)
            print('        (%s, &[%s], %s),' % (rs('<' + fmt + '>'), ', '.join(arg(a) for a in args), outcome(lambda: ('<' + fmt + '>') % tuple(args))))
    elif which == 'percent_strings':
        cases = [('%s and %s', ('a', 'b')), ('100%% sure', ()), ('%5s|%-5s|', ('ab', 'cd')),
                 ('%ld %hd %Lf', (1, 2, 1.5)), ('caf\u00e9 %d\u00e9', (3,)), ('%%%d%%', (5,)),
                 ('%(a)s-%(b)05d', None), ('%(a(b))s', None), ('', ()), ('no directives', ()),
                 ('%.2f%%', (99.5,)), ('%c%c%c', (72, 'i', 0x1F600)), ('%-*d|', (4, 7)), ('%.3s', ('abcdef',))]
        for fmt, args in cases:
            if args is None:
                mapping = {'a': 'A', 'b': 7, 'a(b)': 'P'}
                expected = outcome(lambda: fmt % mapping)
                print('        (%s, &[], %s),' % (rs(fmt), expected))
            else:
                print('        (%s, &[%s], %s),' % (rs(fmt), ', '.join(arg(a) for a in args), outcome(lambda: fmt % args)))
    elif which == 'percent_errors':
        for fmt, args in [('%', ()), ('abc %', ()), ('%5', (1,)), ('% ', (1,)), ('%(a', {}), ('%(a(b)', {}),
                          ('%y', (1,)), ('x%\u00e9', (1,)), ('%\x01', (1,)), ('%5%', (1,)), ('%lld', (1,)),
                          ('%99999999999999999999d', (1,)), ('%.2147483648f', (1.0,)), ('%.2147483647q', (1,)),
                          ('%(x)%', {'x': 1}), ('%#-+ 0q', (1,))]:
            print('        (%s, %s),' % (rs(fmt), outcome(lambda: fmt % args)))


def emit_template(which):
    args = ('abc', 42, -3.5, 'xyz', 255)
    kwargs = {'name': 'Bob', 'n': 7, 'w': 8, 'p': 3, 'd': {'k': 'v', 1: 'one'}, 'f': 1234.5678}
    templates = [
        '', 'plain', '{{}}', '{{{0}}}', 'a{{b', 'a}}b', '{}', '{} {}', '{} {} {} {}', '{0}{0}{1}', '{1}{0}',
        '{name}', '{name!r}', '{name!s:>6}', '{0!a}', '{n:05}', '{1:x}', '{4:#b}', '{2:.3f}', '{2}', '{f:,.2f}',
        '{0:^9}', '{0:*<{w}}', '{0:{w}.{p}}', '{f:{w}.{p}f}', '{:{}}', '{:{}{}}', '{}{:{}}{}', '{2:{0:}}',
        '{0[1]}', '{name[0]}', '{d[k]}', '{d[1]}', '{1.real}', '{2.imag}', '{1.real.real}', '{4!r:>5}',
        '{n:+d} {n: d} {n:-d}', '{0!r:^9}', '{f}', '{f:e}', '{f:%}', 'x{}y{}z', '\u00e9{0}\u00e9', '{0:\u00e9^7}',
        '{name:}', '{1:}', '{ 0}' if False else '{n!s}', '{f:_}', '{1:_b}',
        # errors
        '{', '}', 'a}b', '{0', '{0!', '{0!r', '{0!rx}', '{0!x}', '{0!\u00e9}', '{0:', '{0:{1}', '{a{b}',
        '{}{0}', '{0}{}', '{0[}', '{0[1]x}', '{0.}', '{0[]}', '{0..x}', '{99999999999999999999}',
        '{0[99999999999999999999]}', '{0:{1:{2}}}', '{:{:{}}}', '{0:{}}', '{!r}', '{:}{{}}}',
        '{1:d}{0:{w}d}', '{0:d}', '{2:x}', '{0:+}', '{n:s}', '{0!}', '{0!rr}', '{:{1}}',
    ]
    for t in templates:
        print('        (%s, %s),' % (rs(t), outcome(lambda: t.format(*args, **kwargs))))


if __name__ == '__main__':
    main(sys.argv[1])
