# async with: __aenter__/__aexit__ awaited, on normal exit, exceptions, return and break.
log = []


class Step:
    def __await__(self):
        yield "step"


class Mgr:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        await Step()
        log.append("enter " + self.name)
        return self.name.upper()

    async def __aexit__(self, t, e, tb):
        await Step()
        log.append("exit %s %s" % (self.name, t.__name__ if t else None))
        return self.swallow


def run(coro):
    steps = 0
    while True:
        try:
            coro.send(None)
            steps += 1
        except StopIteration as e:
            return steps, e.value


async def normal():
    async with Mgr("a") as v:
        log.append("body " + v)
    return "done"


async def raising():
    try:
        async with Mgr("b"):
            raise ValueError("x")
    except ValueError as e:
        log.append("caught " + str(e))


async def swallowed():
    async with Mgr("c", swallow=True):
        raise KeyError("k")
    return "after"


async def returning():
    async with Mgr("d"):
        return "ret"


async def breaking():
    for i in range(3):
        async with Mgr("e%d" % i):
            if i == 1:
                break
            continue
    return i


async def nested():
    async with Mgr("f") as f, Mgr("g") as g:
        log.append(f + g)


for fn in (normal, raising, swallowed, returning, breaking, nested):
    log.clear()
    print(fn.__name__, run(fn()), log)
