# select for mote: MicroPython's poll (register, unregister, modify, poll, ipoll) and select,
# frozen into the VM over _net. A wait parks the VM (no CPU; Ctrl-C ends it). Poll results
# name what was registered: the int, or the socket object (as MicroPython does).

import _net
from time import monotonic as _mono

POLLIN = 1
POLLPRI = 2
POLLOUT = 4
POLLERR = 8
POLLHUP = 16


def _sid(obj):
    if isinstance(obj, int):
        return obj
    return obj.fileno()


class poll:
    def __init__(self):
        self._m = {}

    def register(self, obj, eventmask=POLLIN | POLLPRI | POLLOUT):
        self._m[_sid(obj)] = [obj, eventmask]

    def unregister(self, obj):
        del self._m[_sid(obj)]

    def modify(self, obj, eventmask):
        e = self._m.get(_sid(obj))
        if e is None:
            _net.raise_errno(2)
        e[1] = eventmask

    def _ready(self):
        out = []
        for s, e in self._m.items():
            r = _net.ready(s) & (e[1] | POLLERR | POLLHUP)
            if r:
                out.append((e[0], r))
        return out

    def poll(self, timeout=-1):
        if timeout is None or timeout < 0:
            deadline = None
        else:
            deadline = _mono() + timeout / 1000
        while True:
            out = self._ready()
            if out:
                return out
            if deadline is None:
                wait = -1
            else:
                left = deadline - _mono()
                if left <= 0:
                    return []
                wait = int(left * 1e6) + 1
            _net.wait([(s, e[1]) for s, e in self._m.items()], wait)

    def ipoll(self, timeout=-1, flags=0):
        for obj, ev in self.poll(timeout):
            if flags & 1:
                self._m[_sid(obj)][1] = 0
            yield obj, ev


def select(rlist, wlist, xlist, timeout=None):
    p = poll()
    for o in rlist:
        p.register(o, POLLIN)
    for o in wlist:
        s = _sid(o)
        if s in p._m:
            p._m[s][1] |= POLLOUT
        else:
            p.register(o, POLLOUT)
    ready = p.poll(-1 if timeout is None else int(timeout * 1000))
    r = [o for o, ev in ready if ev & (POLLIN | POLLERR | POLLHUP) and o in rlist]
    w = [o for o, ev in ready if ev & (POLLOUT | POLLERR) and o in wlist]
    return r, w, []
