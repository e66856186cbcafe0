# Raw string literals keep backslashes.
print(r"a\nb", len(r"a\nb"))
print(R"\t\x41")
print(repr(r"\\"))
print(r'C:\path\to\file')
print(r"""raw
triple \n""")
print(r"\"" , len(r"\""))
print(rb"\x00".hex() if hasattr(rb"", "hex") else "")
print(br"\n" == b"\\n")
print(repr(r"\u00e9"))
print(r"a" "\n" r"b" == "a\nb")
