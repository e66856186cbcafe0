# Open modes: w truncates, a appends, x refuses an existing file, r+ / w+ / a+ read and write.
with open("m.txt", "w") as f:
    f.write("0123456789")
with open("m.txt", "w") as f:
    f.write("abc")
print(open("m.txt").read())

with open("m.txt", "a") as f:
    f.write("def")
with open("m.txt", "a") as f:
    f.write("ghi")
print(open("m.txt").read())

try:
    open("m.txt", "x")
except OSError as e:
    print(type(e).__name__, e.errno)
with open("new.txt", "x") as f:
    f.write("made")
print(open("new.txt").read())

with open("m.txt", "r+") as f:
    print(f.read(3))
    f.seek(0)
    f.write("XY")
print(open("m.txt").read())

with open("w.txt", "w+") as f:
    f.write("hello")
    f.seek(0)
    print(f.read())

with open("m.txt", "a+") as f:
    f.write("!")
    f.seek(0)
    print(f.read())

with open("m.txt", "rb+") as f:
    f.seek(2)
    f.write(b"__")
print(open("m.txt", "rb").read())

for bad in ["rw", "q", "rbt", ""]:
    try:
        open("m.txt", bad)
    except ValueError as e:
        print("ValueError", e)
