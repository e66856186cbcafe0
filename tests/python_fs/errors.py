# Failures raise OSError subclasses with CPython's errno values.
import errno
import os

def attempt(what, fn, *args):
    try:
        fn(*args)
        print(what, "ok")
    except OSError as e:
        print(what, type(e).__name__, e.errno, e.args[0] == e.errno, isinstance(e, OSError))

attempt("open missing", open, "missing.txt")
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(e)
    print(e.errno == errno.ENOENT, e.args)

os.mkdir("d")
with open("d/f.txt", "w") as f:
    f.write("x")
attempt("open dir", open, "d")
attempt("mkdir existing", os.mkdir, "d")
attempt("mkdir no parent", os.mkdir, "nope/sub")
attempt("rmdir non-empty", os.rmdir, "d")
attempt("rmdir missing", os.rmdir, "gone")
attempt("rmdir file", os.rmdir, "d/f.txt")
attempt("remove missing", os.remove, "gone.txt")
attempt("rename missing", os.rename, "gone.txt", "other.txt")
attempt("stat missing", os.stat, "gone.txt")
attempt("listdir missing", os.listdir, "gone")
attempt("listdir file", os.listdir, "d/f.txt")
attempt("chdir missing", os.chdir, "gone")
attempt("chdir file", os.chdir, "d/f.txt")
attempt("open under file", open, "d/f.txt/x", "w")
attempt("remove dir", os.remove, "d")
attempt("open dir for writing", open, "d", "w")
attempt("mkdir over file", os.mkdir, "d/f.txt")
attempt("stat under file", os.stat, "d/f.txt/x")
attempt("rename into missing dir", os.rename, "d/f.txt", "nowhere/f.txt")
attempt("open empty name", open, "")

print(errno.ENOENT, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENOTEMPTY)

f = open("d/f.txt")
f.close()
f.close()
for op in [f.read, f.readline, lambda: f.write("x"), f.tell]:
    try:
        op()
    except ValueError as e:
        print("ValueError", e)

try:
    with open("d/f.txt") as g:
        g.write("nope")
except OSError as e:
    print("not writable", isinstance(e, OSError))
print(g.closed)
try:
    with open("d/f.txt", "w") as g:
        g.read()
except OSError as e:
    print("not readable", isinstance(e, OSError))

try:
    with open("t.txt", "w") as g:
        g.write(b"bytes")
except TypeError as e:
    print("TypeError", e)
try:
    with open("t.bin", "wb") as g:
        g.write("text")
except TypeError as e:
    print("TypeError", e)
