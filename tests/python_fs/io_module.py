# The io module: io.open, the text file class, UnsupportedOperation (an OSError and a ValueError).
import io

with open("a.txt", "w") as f:
    print(isinstance(f, io.TextIOWrapper), f.readable(), f.writable())
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e, isinstance(e, OSError), isinstance(e, ValueError))
    try:
        f.readline()
    except ValueError as e:
        print(type(e).__name__, e)
    f.write("x")

with open("a.txt") as f:
    try:
        f.write("y")
    except OSError as e:
        print(type(e).__name__, e)
    print(f.readable(), f.writable(), f.read())

with io.open("a.txt", "rb") as f:
    print(f.read(), f.readable(), f.writable())

with io.open("a.txt", mode="a") as f:
    f.write("z")
with io.open(file="a.txt") as f:
    print(f.read())
