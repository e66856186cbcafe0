# async with: errors from __aenter__/__aexit__, an exception replaced in __aexit__, and
# objects without the async protocol.
class Step:
    def __await__(self):
        yield


class FailEnter:
    async def __aenter__(self):
        await Step()
        raise ValueError("enter failed")

    async def __aexit__(self, *a):
        print("not called")


class Replace:
    async def __aenter__(self):
        return self

    async def __aexit__(self, t, e, tb):
        await Step()
        raise KeyError("from exit") from e


class SyncOnly:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


async def a():
    async with FailEnter():
        return "body"


async def b():
    try:
        async with Replace():
            raise IndexError("body")
    except KeyError as e:
        return "KeyError %s caused by %s" % (e, type(e.__cause__).__name__)


async def c():
    async with SyncOnly():
        pass


async def d():
    with SyncOnly():
        async with Replace():
            return "returned"


for f in (a, b, c, d):
    print(f.__name__, run(f()))
