# rename moves and replaces files (also across directories); remove deletes them.
import os

def write(name, text):
    with open(name, "w") as f:
        f.write(text)

write("x.txt", "xxx")
write("y.txt", "yy")
os.rename("x.txt", "z.txt")
print(sorted(os.listdir()), open("z.txt").read())
os.rename("z.txt", "y.txt")
print(sorted(os.listdir()), open("y.txt").read())

os.mkdir("sub")
os.rename("y.txt", "sub/moved.txt")
print(sorted(os.listdir()), os.listdir("sub"), open("sub/moved.txt").read())
os.rename("sub", "renamed")
print(sorted(os.listdir()), os.listdir("renamed"))
print(os.stat("renamed/moved.txt")[6])

os.remove("renamed/moved.txt")
print(os.listdir("renamed"))
os.rmdir("renamed")
print(os.listdir())

for i in range(12):
    write("f%d.txt" % i, str(i) * i)
print(sorted(os.listdir()))
print(sum(os.stat("f%d.txt" % i)[6] for i in range(12)))
for i in range(0, 12, 2):
    os.remove("f%d.txt" % i)
print(sorted(os.listdir()))
