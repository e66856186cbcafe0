# Text files: write, read whole / by size / by line, iteration, readlines, name and mode.
with open("notes.txt", "w") as f:
    print(f.name, f.mode, f.closed)
    print(f.write("first line\n"))
    print(f.write("second line\nthird"))
print(f.closed)

with open("notes.txt") as f:
    print(repr(f.read()))

f = open("notes.txt", "r")
print(repr(f.read(5)))
print(repr(f.readline()))
print(repr(f.readline()))
print(repr(f.readline()))
print(repr(f.readline()))
print(repr(f.read()))
f.close()

with open("notes.txt") as f:
    print(f.readlines())

with open("notes.txt") as f:
    for n, line in enumerate(f):
        print(n, repr(line))

with open("notes.txt") as f:
    print(repr(f.readline(3)), repr(f.readline(100)))

with open("empty.txt", "w") as f:
    pass
with open("empty.txt") as f:
    print(repr(f.read()), repr(f.readline()), f.readlines())
