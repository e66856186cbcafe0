# The errors CPython gives for awaiting what is not awaitable.
async def aw(x):
    return await x


def drive(c):
    try:
        c.send(None)
    except StopIteration as e:
        print("value", e.value)
    except Exception as e:
        print(type(e).__name__, e)


drive(aw(1))
drive(aw("s"))
drive(aw(None))


def gen():
    yield 1


drive(aw(gen()))


class NoIter:
    def __await__(self):
        return 42


drive(aw(NoIter()))


async def c():
    return 1


made = []


class ReturnsCoro:
    def __await__(self):
        co = c()
        made.append(co)
        return co


x = ReturnsCoro()
drive(aw(x))

done = c()
drive(aw(done))
drive(aw(done))


class Bad:
    __await__ = None


drive(aw(Bad()))
co = c()
made.append(co)
try:
    iter(co)
except TypeError as e:
    print("TypeError", e)
try:
    next(co)
except TypeError as e:
    print("TypeError", e)
try:
    for _ in co:
        pass
except TypeError as e:
    print("TypeError", e)
for co in made:
    co.close()

# Closing a coroutine that never ran: it is finished, awaiting it again is an error.
never = c()
never.close()
drive(aw(never))
print(never.close())
