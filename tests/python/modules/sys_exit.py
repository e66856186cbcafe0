# sys.exit raises SystemExit, which can be caught.
import sys
for arg in [(), (0,), (1,), ("text",), (None,)]:
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(arg, type(e).__name__, repr(e.code))
try:
    raise SystemExit(5)
except SystemExit as e:
    print(e.code, e.args)
def inner():
    try:
        sys.exit(2)
    finally:
        print("finally runs on sys.exit")
try:
    inner()
except SystemExit as e:
    print("exit code", e.code)
print("still running")
