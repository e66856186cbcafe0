# Many lines, long lines, no trailing newline, and UTF-8 text counted in characters.
with open("log.txt", "w") as f:
    for i in range(600):
        f.write("line %d %s\n" % (i, "=" * (i % 50)))
    f.write("no newline at the end")

count = 0
total = 0
last = None
with open("log.txt") as f:
    for line in f:
        count += 1
        total += len(line)
        last = line
print(count, total, repr(last))

with open("log.txt") as f:
    lines = f.readlines()
print(len(lines), lines[0], lines[599], lines[-1])

long = "".join(chr(65 + i % 26) for i in range(3000))
with open("long.txt", "w") as f:
    f.write(long + "\n" + long)
with open("long.txt") as f:
    a = f.readline()
    b = f.readline()
print(len(a), len(b), a[:-1] == long, b == long)

text = "héllo wörld €uro 😀 done\nsecond ünïcode line\n"
with open("u.txt", "w", encoding="utf-8") as f:
    print(f.write(text))
with open("u.txt", encoding="utf-8") as f:
    print(repr(f.read(3)), f.tell())
    print(repr(f.read(15)))
    print(repr(f.readline()))
    print(repr(f.read()))
with open("u.txt", "rb") as f:
    print(len(f.read()))
