# Adjacent string literals join at compile time.
s = "abc" 'def' """ghi"""
print(s, len(s))
t = ("first part "
     "second part "
     "third")
print(t)
print("a" "b" == "ab")
print(b"x" b"y")
name = "z"
print("plain " f"{name} " "more")
print(r"\n" "\n" == "\\n\n")
print(("no"
       "comma"))
print(["a" "b", "c"])
