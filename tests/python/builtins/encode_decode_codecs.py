# str.encode/bytes.decode over their codecs (utf-8, ascii, latin-1 by any spelling) and error
# handlers, unknown encodings, and the TypeError naming an encoding that is not a str.
for b in [b"abc", b"a\xffb", b"caf\xc3\xa9"]:
    for enc in [None, "utf-8", "UTF_8", "ascii", "latin-1", "Latin_1", "iso-8859-1", "koi8"]:
        for err in [None, "strict", "ignore", "replace", 1]:
            try:
                if enc is None and err is None: r = b.decode()
                elif err is None: r = b.decode(enc)
                elif err == 1: r = b.decode(encoding=enc or "utf-8", errors="strict")
                else: r = b.decode(enc or "utf-8", err)
                print(b, enc, err, ascii(r))
            except (UnicodeDecodeError, LookupError) as e:
                print(b, enc, err, type(e).__name__, e)
for s in ["abc", "café", "a€b"]:
    for enc in [None, "utf-8", "ascii", "latin-1", "koi8"]:
        for err in [None, "strict", "ignore", "replace"]:
            try:
                if enc is None: r = s.encode()
                elif err is None: r = s.encode(encoding=enc)
                else: r = s.encode(enc, errors=err)
                print(s.encode("utf-8"), enc, err, r)
            except (UnicodeEncodeError, LookupError) as e:
                print(s.encode("utf-8"), enc, err, type(e).__name__, e)
for t in [lambda: b"a".decode(1), lambda: "a".encode(1), lambda: bytes("ab", "ascii"), lambda: bytes("é", "latin-1"), lambda: str(b"ab", "ascii"), lambda: bytearray("x", "utf-8")]:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)
