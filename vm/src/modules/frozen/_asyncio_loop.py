# asyncio's wait_for and the event loop object (see asyncio.py: imported on first use).

import asyncio as _a
from asyncio import create_task, ensure_future, _call_at, _run_until, CancelledError
from time import monotonic as _mono


async def wait_for(aw, timeout):
    t = ensure_future(aw)
    if timeout is None:
        return await t
    fired = []

    def expire():
        fired.append(1)
        t.cancel()

    if timeout <= 0:
        if t._st:
            return t.result()
        expire()
        timer = None
    else:
        timer = _call_at(_mono() + timeout, expire)
    try:
        return await t
    except CancelledError:
        if fired:
            raise TimeoutError from None
        raise
    finally:
        if timer is not None:
            timer[1] = None


def wait_for_ms(aw, timeout):
    return wait_for(aw, timeout / 1000)


class Loop:
    def create_task(self, coro):
        return create_task(coro)

    def run_forever(self):
        _run_until(None)

    def run_until_complete(self, aw):
        t = ensure_future(aw)
        _run_until(t)
        return t.result()

    def stop(self):
        _a._stop = True

    def close(self):
        _a._close()

    def is_running(self):
        return _a._cur is not None


_loop = Loop()


def get_event_loop():
    return _loop


def new_event_loop():
    _loop.close()
    return _loop


def get_running_loop():
    if _a._cur is None:
        raise RuntimeError("no running event loop")
    return _loop
