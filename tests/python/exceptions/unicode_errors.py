# Encoding and decoding errors, error handlers, and the UnicodeError hierarchy.
print("héllo".encode("utf-8"), "héllo".encode("latin-1"), "abc".encode("ascii"))
for text, enc in [("héllo", "ascii"), ("€", "latin-1")]:
    try:
        text.encode(enc)
    except UnicodeEncodeError as e:
        print(type(e).__name__, isinstance(e, UnicodeError), isinstance(e, ValueError))
print("héllo".encode("ascii", "replace"), "héllo".encode("ascii", "ignore"))
print(b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"abc".decode("ascii"))
for data, enc in [(b"\xff\xfe", "utf-8"), (b"\x80", "ascii")]:
    try:
        data.decode(enc)
    except UnicodeDecodeError as e:
        print(type(e).__name__, isinstance(e, UnicodeError))
print(b"a\xffb".decode("utf-8", "ignore"), b"a\x80b".decode("ascii", "ignore"))
print(issubclass(UnicodeDecodeError, UnicodeError), issubclass(UnicodeEncodeError, ValueError))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print("LookupError", e)
print(str(b"bytes", "utf-8"), bytes("é", "utf-8"), bytearray("é", "latin-1"))
print("ÀB".encode("utf_8"), "ok".encode(encoding="ascii"), b"ok".decode(encoding="UTF-8"))
