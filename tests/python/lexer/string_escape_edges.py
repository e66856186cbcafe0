# Escape edge cases: octal lengths, hex case, \x in bytes above 0x7f, escaped quotes at ends.
print([ord(c) for c in "\0\7\77\101\1011"])
print("\x4a\x4A", "\u004a\U0000004A", len("\1234"))
print(list(b"\xff\x80\x7f"), len(b"\\\\"), b"\x5c" == b"\\")
print('\'', "\"", '"\'"', "'\"'")
print("ends with backslash \\")
print('tab:\t|', repr('\t'), repr("\r\n"))
print(repr("\x7f\x80\xa0\xff"), repr("\u2028"), repr("\ufeff"))
print("\xb0" == "\u00b0", "\xb0".encode("utf-8"))
