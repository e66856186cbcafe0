# Heap bytes used by common objects, from gc.mem_alloc() deltas (mote and MicroPython only).
import gc

gc.collect()
AT_START = gc.mem_alloc()
import sys

if not hasattr(gc, "mem_alloc"):
    sys.exit("memory.py needs gc.mem_alloc() (mote or MicroPython); CPython does not have it")


class Three:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.c = 3


def measure(build):
    """Bytes still allocated after build() returns, its result kept alive; best of 3."""
    best = None
    for _ in range(3):
        gc.collect()
        before = gc.mem_alloc()
        kept = build()
        gc.collect()
        used = gc.mem_alloc() - before
        del kept
        if best is None or used < best:
            best = used
    return best


def probe():
    return gc.mem_alloc()


def wrap():
    return probe()


def frame_bytes():
    """One extra Python frame: wrap() sees its own frame plus probe()'s; probe() only its own."""
    best = None
    for _ in range(3):
        gc.collect()
        inner = probe()
        gc.collect()
        outer = wrap()
        used = outer - inner
        if best is None or used < best:
            best = used
    return best


def import_bytes(names):
    """Heap kept by importing the modules `names` (each imported for the first time)."""
    gc.collect()
    before = gc.mem_alloc()
    kept = [__import__(n) for n in names]
    gc.collect()
    used = gc.mem_alloc() - before
    del kept
    return used


print("heap in use when the first line runs (after import gc):", AT_START, "bytes")
for name in ["json", "struct", "re", "collections", "binascii", "hashlib", "io", "random", "asyncio"]:
    if name not in sys.modules:
        print("import %s:" % name, import_bytes([name]), "bytes")


def collections_first_use():
    """Heap kept by the first deque, namedtuple class + instance, OrderedDict, defaultdict
    (their classes are made on first use and kept)."""
    from collections import deque, namedtuple, OrderedDict, defaultdict

    gc.collect()
    before = gc.mem_alloc()
    kept = [deque([1]), namedtuple("P", "x y")(1, 2), OrderedDict(a=1), defaultdict(list)]
    gc.collect()
    used = gc.mem_alloc() - before
    del kept
    return used


print("first deque, namedtuple (class + instance), OrderedDict, defaultdict:",
      collections_first_use(), "bytes")
print("list of 1000 small ints:", measure(lambda: list(range(1000))), "bytes")
print("dict of 100 str->int:", measure(lambda: {"k%d" % i: i for i in range(100)}), "bytes")
print("instance with 3 attributes:", measure(Three), "bytes")
print("one function call frame:", frame_bytes(), "bytes")


def suspended_task_bytes():
    """Heap per asyncio task suspended in `await asyncio.sleep(...)`, over 100 tasks."""
    import asyncio

    async def sleeper():
        await asyncio.sleep(1000)

    async def main():
        warm = asyncio.create_task(sleeper())
        await asyncio.sleep(0)
        warm.cancel()
        await asyncio.sleep(0)
        gc.collect()
        before = gc.mem_alloc()
        tasks = [asyncio.create_task(sleeper()) for _ in range(100)]
        await asyncio.sleep(0)
        gc.collect()
        used = gc.mem_alloc() - before
        for t in tasks:
            t.cancel()
        return used // 100

    return asyncio.run(main())


print("one asyncio task suspended in sleep:", suspended_task_bytes(), "bytes")
