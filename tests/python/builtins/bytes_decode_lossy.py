# UTF-8 decoding with errors='replace'/'ignore': one U+FFFD per invalid sequence (a truncated
# sequence at the end is one), nothing for 'ignore', and a real U+FFFD in the input kept.
# The same lossy decoding reads bytes given to int(), eval(), exec() and compile().

cases = [b"abc", b"a\xffb", b"\xe2\x82", b"a\xe2\x82", b"\xe2\x82x\xf0\x9f\x98\x80\xf0\x9f",
         b"\xef\xbf\xbd\xff", b"\xc3\xa9\xc3", b"\xed\xa0\x80z", b"\xf5\x80\x80\x80", b"\xc0\xaf", b""]
for b in cases:
    for err in ("replace", "ignore"):
        print(b, err, ascii(b.decode("utf-8", err)), ascii(b.decode(errors=err)))
for b in [b"12", b" 7 ", b"0x1f"]:
    print(int(b, 0), int(b, 16))
print(eval(b"1 + 2"), eval(b"\xef\xbb\xbf3 * 4"))
exec(b"x = 'h\xc3\xa9'\nprint(ascii(x))")
print(ascii(eval(compile(b"'\xc3\xa9' + 'a'", "<s>", "eval"))))
