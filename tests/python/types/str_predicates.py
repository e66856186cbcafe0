# isdigit, isalpha, isalnum, isspace, isdecimal, isnumeric, isidentifier, isprintable.
tests = ["abc", "ABC", "123", "12.3", "abc123", " ", "\t\n", "", "a b", "é", "_x", "1x", "x1"]
for t in tests:
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isdecimal(),
          t.isnumeric(), t.isidentifier(), t.isprintable(), t.isascii())
print("\x00".isprintable(), "\n".isprintable())
