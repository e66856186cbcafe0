# asyncio's Event, ThreadSafeFlag and Lock (see asyncio.py: imported on first use).

import asyncio as _a
from asyncio import _wake, CancelledError


class _ParkOnce:
    def __await__(self):
        return iter(_a._PARK_ONCE)


_park = _ParkOnce()


class Event:
    def __init__(self):
        self._flag = False
        self._w = []

    def is_set(self):
        return self._flag

    def set(self):
        self._flag = True
        w = self._w
        self._w = []
        for t, tok in w:
            _wake(t, tok)

    def clear(self):
        self._flag = False

    async def wait(self):
        if not self._flag:
            me = _a._cur
            self._w.append((me, me._tok))
            await _park
        return True


class ThreadSafeFlag:
    # The n-th flag a program creates (from 0, up to 31) is the one Rust sets with signal n.
    def __init__(self):
        self._flag = False
        self._w = None
        if len(_a._flags) < 32:
            _a._flags.append(self)

    def set(self):
        self._flag = True
        w = self._w
        if w is not None:
            self._w = None
            _wake(w[0], w[1])

    def clear(self):
        self._flag = False

    async def wait(self):
        if not self._flag:
            me = _a._cur
            self._w = (me, me._tok)
            await _park
        self._flag = False


class Lock:
    def __init__(self):
        self._locked = False
        self._w = []

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and not self._w:
            self._locked = True
            return True
        me = _a._cur
        entry = [me, 0, False]
        self._w.append(entry)
        try:
            while True:
                entry[1] = me._tok
                await _park
                if entry[2]:
                    break
        except CancelledError:
            if entry[2]:
                self._locked = False
                self._wake_first()
            raise
        finally:
            self._w.remove(entry)
        self._locked = True
        return True

    def _wake_first(self):
        for e in self._w:
            if not e[2]:
                e[2] = True
                _wake(e[0], e[1])
                return

    def release(self):
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        self._locked = False
        self._wake_first()

    async def __aenter__(self):
        await self.acquire()

    async def __aexit__(self, t, e, tb):
        self.release()
