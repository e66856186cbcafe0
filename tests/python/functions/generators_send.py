# send() into generators, including the priming next().
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
print(next(a))
print(a.send(10), a.send(20), a.send(60))
def recorder():
    seen = []
    while True:
        x = yield len(seen)
        seen.append(x)
        if x == "stop":
            return seen
r = recorder()
print(r.send(None), r.send("a"), r.send("b"))
try:
    r.send("stop")
except StopIteration as e:
    print("returned", e.value)
g = averager()
try:
    g.send(1)
except TypeError as e:
    print(type(e).__name__, e)
