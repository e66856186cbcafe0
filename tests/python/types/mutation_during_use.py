# Containers changed while they are looked up, iterated or sorted.
class K:
    def __init__(s, h):
        s.h = h
    def __hash__(s):
        return s.h
    def __eq__(s, o):
        d.clear()
        d[K(99)] = "other"
        return s is o
d = {}
d[K(1)] = "one"
try:
    print(d[K(1)])
except KeyError:
    print("KeyError", len(d))
def run(label, f):
    try:
        f()
        print(label, "ok")
    except RuntimeError as e:
        print(label, "RuntimeError", e)
def grow():
    for k in d:
        d[k + 100] = 0
def rekey():
    for k in d:
        del d[k]
        d[k + 100] = 1
def rekey_items():
    for k, v in d.items():
        del d[k]
        d[k + 100] = 1
def shrink_values():
    for v in d.values():
        d.pop(next(iter(d)))
for n in (2, 20):
    d = {i: i for i in range(n)}
    run("grow", grow)
    d = {i: i for i in range(n)}
    run("rekey", rekey)
    d = {i: i for i in range(20)}
    run("rekey items", rekey_items)
    run("shrink values", shrink_values)
s = set(range(5))
def grow_set():
    for x in s:
        s.add(x + 100)
run("set", grow_set)
l = [3, 1, 2]
def key(x):
    l.append(1)
    return x
try:
    l.sort(key=key)
except ValueError as e:
    print("ValueError", e, l)
l = [3, 1, 2]
def show(x):
    print("during sort", len(l), l)
    return x
l.sort(key=show)
print(l)
l = [1, 2, 3]
r = reversed(l)
print(next(r))
l.clear()
print(list(r))
l = [1, 2, 3]
r = reversed(l)
l.pop()
print(list(r))
