# print(file=f), with closing on exceptions, files left open closed by the runtime.
import os

with open("out.txt", "w") as f:
    print("a", 1, 2.5, [3], file=f)
    print("b", "c", sep="-", end="!\n", file=f)
    print(file=f)
print(repr(open("out.txt").read()))

try:
    with open("w.txt", "w") as f:
        f.write("before")
        raise KeyError("boom")
except KeyError as e:
    print("KeyError", e, f.closed)
print(open("w.txt").read())

class Box:
    pass

def leak(i):
    f = open("leak%d.txt" % i, "w")
    f.write("data %d" % i)
    b = Box()
    b.f = f

for i in range(12):
    leak(i)
import gc
gc.collect()
print([open("leak%d.txt" % i).read() for i in range(12)])

for i in range(12):
    with open("leak%d.txt" % i) as f:
        pass
    os.remove("leak%d.txt" % i)
print(sorted(os.listdir()))

f = open("seek.txt", "w+")
f.write("0123456789\nabc\n")
f.seek(0)
print(repr(f.readline()), f.tell())
f.seek(3)
print(repr(f.read(2)), f.tell())
f.flush()
f.close()
