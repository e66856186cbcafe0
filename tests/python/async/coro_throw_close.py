# throw() and close() on suspended coroutines reach the innermost await; finally runs.
class Pause:
    def __await__(self):
        yield "paused"


async def leaf(log):
    try:
        await Pause()
        log.append("leaf resumed")
    except KeyError as e:
        log.append("leaf caught %r" % e)
        await Pause()
        return "recovered"
    finally:
        log.append("leaf finally")


async def mid(log):
    r = await leaf(log)
    log.append("mid got " + str(r))
    return r


log = []
c = mid(log)
print(c.send(None))
print(c.throw(KeyError("k")))
try:
    c.send(None)
except StopIteration as e:
    print("stop", e.value)
print(log)

log = []
c = mid(log)
c.send(None)
try:
    c.throw(ValueError("v"))
except ValueError as e:
    print("propagated", e)
print(log)

log = []
c = mid(log)
c.send(None)
print(c.close())
print(log)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)


async def stubborn():
    try:
        await Pause()
    except GeneratorExit:
        await Pause()


s = stubborn()
s.send(None)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError", e)


async def raises():
    await Pause()
    raise OSError(5, "io")


r = raises()
r.send(None)
try:
    r.send(None)
except OSError as e:
    print("OSError", e.args)
