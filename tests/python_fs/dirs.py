# Directories: mkdir, nested paths, listdir, chdir/getcwd, rmdir, stat kinds and sizes.
import os

start = os.getcwd()
os.mkdir("a")
os.mkdir("a/b")
os.mkdir("a/b/c")
for name in ["one.txt", "a/two.txt", "a/b/three.txt"]:
    with open(name, "w") as f:
        f.write(name * 3)
print(sorted(os.listdir()))
print(sorted(os.listdir(".")))
print(sorted(os.listdir("a")))
print(sorted(os.listdir("a/b")), os.listdir("a/b/c"))

st = os.stat("a/two.txt")
print(st[0] & 0o170000 == 0o100000, st[6])
print(os.stat("a")[0] & 0o170000 == 0o040000)

os.chdir("a")
print(os.getcwd() == start.rstrip("/") + "/a")
print(sorted(os.listdir()))
print(open("b/three.txt").read())
os.chdir("b/c")
print(os.getcwd() == start.rstrip("/") + "/a/b/c")
print(open("../three.txt").read())
with open("../../made_from_c.txt", "w") as f:
    f.write("up")
os.chdir("../..")
print(sorted(os.listdir()))
os.chdir("..")
print(os.getcwd() == start)

print(open("a/./b/../made_from_c.txt").read())
os.remove("a/b/three.txt")
os.rmdir("a/b/c")
os.rmdir("a/b")
print(sorted(os.listdir("a")))
os.remove("a/two.txt")
os.remove("a/made_from_c.txt")
os.rmdir("a")
print(sorted(os.listdir()))
print(os.sep)
