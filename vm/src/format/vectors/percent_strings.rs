// Printed by CPython 3.11 (vectors/gen_vectors.py); regenerate, do not edit by hand.
[
        ("%s and %s", &[Text("a"), Text("b")], Ok("a and b")),
        ("100%% sure", &[], Ok("100% sure")),
        ("%5s|%-5s|", &[Text("ab"), Text("cd")], Ok("   ab|cd   |")),
        ("%ld %hd %Lf", &[Small(1), Small(2), Float(0x3ff8000000000000)], Ok("1 2 1.500000")),
        ("caf\u{e9} %d\u{e9}", &[Small(3)], Ok("caf\u{e9} 3\u{e9}")),
        ("%%%d%%", &[Small(5)], Ok("%5%")),
        ("%(a)s-%(b)05d", &[], Ok("A-00007")),
        ("%(a(b))s", &[], Ok("P")),
        ("", &[], Ok("")),
        ("no directives", &[], Ok("no directives")),
        ("%.2f%%", &[Float(0x4058e00000000000)], Ok("99.50%")),
        ("%c%c%c", &[Small(72), Text("i"), Small(128512)], Ok("Hi\u{1f600}")),
        ("%-*d|", &[Small(4), Small(7)], Ok("7   |")),
        ("%.3s", &[Text("abcdef")], Ok("abc")),
]
