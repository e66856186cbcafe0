// Printed by CPython 3.11 (vectors/gen_vectors.py); regenerate, do not edit by hand.
[
        ("%", Err((Value, "incomplete format"))),
        ("abc %", Err((Value, "incomplete format"))),
        ("%5", Err((Value, "incomplete format"))),
        ("% ", Err((Value, "incomplete format"))),
        ("%(a", Err((Value, "incomplete format key"))),
        ("%(a(b)", Err((Value, "incomplete format key"))),
        ("%y", Err((Value, "unsupported format character 'y' (0x79) at index 1"))),
        ("x%\u{e9}", Err((Value, "unsupported format character '?' (0xe9) at index 2"))),
        ("%\u{1}", Err((Value, "unsupported format character '?' (0x1) at index 1"))),
        ("%5%", Err((Value, "unsupported format character '%' (0x25) at index 2"))),
        ("%lld", Err((Value, "unsupported format character 'l' (0x6c) at index 2"))),
        ("%99999999999999999999d", Err((Value, "width too big"))),
        ("%.2147483648f", Err((Value, "precision too big"))),
        ("%.2147483647q", Err((Value, "unsupported format character 'q' (0x71) at index 12"))),
        ("%(x)%", Err((Value, "unsupported format character '%' (0x25) at index 4"))),
        ("%#-+ 0q", Err((Value, "unsupported format character 'q' (0x71) at index 6"))),
]
