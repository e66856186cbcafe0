# Text and binary file reads: universal and explicit newlines, sizes counted in characters,
# readline limits, tell/seek around read-ahead, readinto, and the closed-file errors.
import os

path = "text_reads.txt"
with open(path, "wb") as f:
    f.write("a\r\nbé\rc\nd€ef\r\n\r\nlast".encode())
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(path, newline=nl) as f:
        print(repr(nl), [line for line in f])
with open(path) as f:
    print(repr(f.read(3)), repr(f.readline(2)), repr(f.readline()), repr(f.read(4)))
    print(repr(f.readlines()), repr(f.read()), repr(f.readline()))
with open(path, "rb") as f:
    print(f.readline(), f.readline(3), f.read(5), f.tell())
    f.seek(-4, 2)
    print(f.read(), f.tell(), f.seek(2), f.read(3), f.seek(1, 1), f.read(1))
    buf = bytearray(6)
    print(f.readinto(buf), buf, f.readline(0), f.read(0))
with open(path, "w", newline="\r\n") as f:
    print(f.write("x\ny\n"), f.write("é"))
with open(path, "rb") as f:
    print(f.read())
f = open(path)
f.close()
f.close()
for op in [f.read, f.readline, lambda: f.seek(0), f.tell, lambda: f.write("x")]:
    try:
        op()
    except ValueError as e:
        print("ValueError", e)
with open(path, "a") as f:
    f.write("z")
with open(path, "rb") as f:
    print(f.read())
os.remove(path)
