# open(newline=...): which line ends split lines, whether they are translated, and what a
# written "\n" becomes.
raw = b"a\r\nb\rc\nd\r\n\re"
with open("n.txt", "wb") as f:
    f.write(raw)

for nl in [None, "", "\n", "\r", "\r\n"]:
    with open("n.txt", newline=nl) as f:
        lines = f.readlines()
    with open("n.txt", newline=nl) as f:
        first = [f.readline(2), f.readline(), f.read(3)]
    print(repr(nl), lines, first)

for nl in [None, "", "\n", "\r", "\r\n"]:
    with open("w.txt", "w", newline=nl) as f:
        print(f.write("x\ny\r\nz\n"))
    with open("w.txt", "rb") as f:
        print(repr(nl), f.read())

for bad in ["x", "\n\n"]:
    try:
        open("n.txt", newline=bad)
    except ValueError as e:
        print("ValueError", e)
try:
    open("n.txt", "rb", newline="")
except ValueError as e:
    print("ValueError", e)
try:
    open("n.txt", newline=5)
except TypeError as e:
    print("TypeError", e)
