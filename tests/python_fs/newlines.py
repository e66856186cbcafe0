# Text files read "\r\n" and a bare "\r" as "\n" (universal newlines); binary files keep them.
data = b"one\r\ntwo\rthree\n\r\nfour\r\rfive\r"
with open("nl.txt", "wb") as f:
    f.write(data)

with open("nl.txt") as f:
    print(repr(f.read()))
with open("nl.txt") as f:
    print(f.readlines())
with open("nl.txt") as f:
    print(list(f))
with open("nl.txt") as f:
    print([f.read(3) for i in range(8)])
with open("nl.txt") as f:
    print(repr(f.readline(3)), repr(f.readline(1)), repr(f.readline()), repr(f.readline()))
with open("nl.txt", "rb") as f:
    print(f.readlines())

big = "".join("line %d%s" % (i, ["\n", "\r\n", "\r"][i % 3]) for i in range(400))
with open("big.txt", "w", newline="") as f:
    f.write(big)
with open("big.txt") as f:
    lines = f.readlines()
print(len(lines), lines[:4], all(l.endswith("\n") for l in lines))
with open("big.txt", "rb") as f:
    print(len(f.read()), len(big))
