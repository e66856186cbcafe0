# asyncio for mote: MicroPython's API with CPython's semantics, frozen into the VM.
#
# One scheduler runs every task. A task's coroutine yields to it what it waits for: None (run
# again soon), a float (a time.monotonic() deadline), _PARK (something else will wake it), or
# (socket, bits) (readiness of a socket). Coroutines are resumed with coro.send(None), which
# the VM runs in the scheduler's own interpreter loop, so tasks are stackless and spend fuel;
# when nothing is ready the scheduler parks the VM in _net.wait (no CPU, Ctrl-C ends it).
# A wakeup carries the token the task had when it suspended; a stale one (the task was
# cancelled or resumed since) is ignored. A token is a step count times 4 plus two flags: 1
# queued to run, 2 a cancel pending; tokens match when their step counts do (t ^ tok < 4).

import sys
import _net
from _net import suspend as _suspend
from time import monotonic as _mono


class CancelledError(BaseException):
    pass


class InvalidStateError(Exception):
    pass


TimeoutError = TimeoutError

_PARK = object()
_PARK_ONCE = (_PARK,)
_live = set()
_cancel_msgs = {}  # id(task) -> message of a pending cancel(msg)
_ready = []
_timers = []  # heap (by deadline only) of (deadline, task, token), or [deadline, callback]
_io = {}
_flags = []
_cur = None
_stop = False


def _push(h, e):
    h.append(e)
    i = len(h) - 1
    while i:
        p = (i - 1) >> 1
        if h[p][0] <= e[0]:
            break
        h[i] = h[p]
        i = p
    h[i] = e


def _pop(h):
    top = h[0]
    last = h.pop()
    n = len(h)
    if n:
        i = 0
        while True:
            c = 2 * i + 1
            if c >= n:
                break
            if c + 1 < n and h[c + 1][0] < h[c][0]:
                c += 1
            if last[0] <= h[c][0]:
                break
            h[i] = h[c]
            i = c
        h[i] = last
    return top


def _wake(t, tok):
    if t._tok ^ tok < 4 and not t._tok & 1 and t._st == 0:
        t._tok |= 1
        _ready.append(t)


def _call_at(when, fn):
    # A timer calling fn(); returns the entry (set entry[1] = None to cancel it).
    e = [when, fn]
    _push(_timers, e)
    return e


class Task:
    # Three instance attributes: a fourth makes the attribute table a block longer, and this
    # is heap each suspended task holds. While pending, _res is [coroutine, what the task
    # awaits that a cancel must cancel too, waiters...] (waiters: (task, token) pairs and done
    # callbacks); then the result or exception. _tok: see the top of this file.
    _seen = False  # the result or exception was retrieved

    def __init__(self, coro):
        self._st = 0  # 0 pending, 1 result, 2 exception, 3 cancelled
        self._res = [coro, None]
        self._tok = 0

    def __repr__(self):
        return "<Task %s>" % ("pending", "finished", "finished", "cancelled")[self._st]

    def done(self):
        return self._st != 0

    def cancelled(self):
        return self._st == 3

    def cancel(self, msg=None):
        if self._st:
            return False
        if msg is not None:
            _cancel_msgs[id(self)] = msg
        f = self._res[1]
        if f is not None and f.cancel():
            return True
        self._tok |= 2
        _wake(self, self._tok)
        return True

    def result(self):
        if self._st == 0:
            raise InvalidStateError("Result is not set.")
        self._seen = True
        if self._st == 1:
            return self._res
        raise self._res

    def exception(self):
        if self._st == 0:
            raise InvalidStateError("Exception is not set.")
        self._seen = True
        if self._st == 3:
            raise self._res
        return self._res if self._st == 2 else None

    def add_done_callback(self, fn):
        if self._st:
            _call_at(0.0, lambda: fn(self))
        else:
            self._add(fn)

    def _add(self, w):
        self._res.append(w)

    def _finish(self, st, res):
        _live.discard(self)
        w = self._res
        self._st = st
        self._res = res
        if len(w) > 2:
            for x in w[2:]:
                if type(x) is tuple:
                    _wake(x[0], x[1])
                else:
                    x(self)
        elif st == 2:
            _call_at(0.0, self._report)

    def _report(self):
        if not self._seen:
            print("Task exception wasn't retrieved", file=sys.stderr)
            print("future:", self, "exception=%r" % (self._res,), file=sys.stderr)
            sys.print_exception(self._res, sys.stderr)

    def __await__(self):
        if not self._st:
            me = _cur
            self._add((me, me._tok))
            me._res[1] = self
            try:
                yield _PARK
            finally:
                me._res[1] = None
        return self.result()


def _step(t):
    global _cur
    q = t._tok & 3
    t._tok = (t._tok | 3) + 1
    c = t._res[0]
    _cur = t
    try:
        if q & 2:
            m = _cancel_msgs.pop(id(t), None) if _cancel_msgs else None
            y = c.throw(CancelledError() if m is None else CancelledError(m))
        else:
            y = c.send(None)
    except StopIteration as e:
        _cur = None
        t._finish(1, e.value)
        return
    except CancelledError as e:
        _cur = None
        t._finish(3, e)
        return
    except (KeyboardInterrupt, SystemExit):
        _cur = None
        raise
    except BaseException as e:
        _cur = None
        t._finish(2, e)
        return
    _cur = None
    if t._tok & 2 or y is None:
        t._tok |= 1
        _ready.append(t)
    elif y is _PARK:
        pass
    elif type(y) is float:
        _push(_timers, (y, t, t._tok))
    else:
        w = _io.get(y[0])
        e = (t, t._tok, y[1])
        if w is None:
            _io[y[0]] = [e]
        else:
            w.append(e)


def _poll_io(timeout_us):
    # Wake the tasks whose sockets are ready; first park the VM up to timeout_us (< 0: no
    # limit) when asked to wait.
    if timeout_us:
        interest = [(s, b) for s, w in _io.items() for (_, _, b) in w]
        _net.wait(interest, timeout_us)
    bits = _net.signals()
    if bits:
        for i, f in enumerate(_flags):
            if bits >> i & 1:
                f.set()
    for s in list(_io):
        r = _net.ready(s)
        if not r:
            continue
        keep = []
        for e in _io[s]:
            if r & (e[2] | _net.ERROR | _net.HANGUP):
                _wake(e[0], e[1])
            elif e[0]._tok ^ e[1] < 4:
                keep.append(e)
        if keep:
            _io[s] = keep
        else:
            del _io[s]


def _run_until(main):
    global _ready, _stop
    while True:
        if main is not None and main._st:
            return
        if _stop:
            _stop = False
            return
        if _timers:
            now = _mono()
            while _timers and _timers[0][0] <= now:
                e = _pop(_timers)
                if len(e) == 2:
                    if e[1] is not None:
                        e[1]()
                else:
                    _wake(e[1], e[2])
        if _io or _flags:
            _poll_io(0)
        if _ready:
            r = _ready
            _ready = []
            for t in r:
                if t._tok & 1:
                    _step(t)
            continue
        if _timers:
            wait = int((_timers[0][0] - _mono()) * 1e6) + 1
            if wait > 0:
                _poll_io(wait)
        else:
            _poll_io(-1)


def create_task(coro):
    if type(coro).__name__ != "coroutine":
        if type(coro) is not _Sleep:
            raise TypeError("a coroutine was expected, got %r" % (coro,))
        coro = _await(coro)
    t = Task(coro)
    t._tok = 1
    _ready.append(t)
    _live.add(t)
    return t


async def _await(aw):
    return await aw


def ensure_future(aw):
    if isinstance(aw, Task):
        return aw
    if type(aw).__name__ == "coroutine" or type(aw) is _Sleep:
        return create_task(aw)
    if hasattr(aw, "__await__"):
        return create_task(_await(aw))
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


def current_task():
    return _cur


# sleep and sleep_ms return one native block, `_net.suspend(deadline, result)`, not a
# coroutine (as MicroPython's): a task waiting in them holds no frame. create_task, gather and
# wait_for accept them as they accept coroutines.
def sleep(delay, result=None):
    return _suspend(_mono() + delay if delay > 0 else None, result)


def sleep_ms(ms, result=None):
    return _suspend(_mono() + ms / 1000 if ms > 0 else None, result)


_Sleep = type(sleep(0))


class _Gather:
    # What gather() returns: its children are tasks already; awaiting it gives their results.
    def __init__(self, tasks, rex):
        self.tasks = tasks
        self.rex = rex
        self.left = len(tasks)
        self.err = None
        self.w = None
        self.cancelled = False
        for t in tasks:
            if t._st:
                self._done(t)
            else:
                t._add(self._done)

    def _done(self, t):
        self.left -= 1
        if not self.rex and t._st >= 2 and self.err is None:
            self.err = t
        if (self.left == 0 or self.err is not None) and self.w is not None:
            w = self.w
            self.w = None
            _wake(w[0], w[1])

    def done(self):
        return self.left == 0 or self.err is not None

    def cancel(self):
        n = False
        for t in self.tasks:
            if t.cancel():
                n = True
        self.cancelled = self.cancelled or n
        return n

    def __await__(self):
        if not self.done():
            me = _cur
            self.w = (me, me._tok)
            me._res[1] = self
            try:
                yield _PARK
            finally:
                me._res[1] = None
        if self.err is not None:
            return self.err.result()
        if self.cancelled:
            raise CancelledError()
        out = []
        for t in self.tasks:
            t._seen = True
            if t._st == 1 or self.rex:
                out.append(t._res)
            else:
                raise t._res
        return out


def gather(*aws, return_exceptions=False):
    return _Gather([ensure_future(a) for a in aws], return_exceptions)


def run(main):
    if _cur is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    if type(main).__name__ != "coroutine":
        raise ValueError("a coroutine was expected, got %r" % (main,))
    t = create_task(main)
    t._seen = True
    try:
        _run_until(t)
    finally:
        # After an error or KeyboardInterrupt, cancel what is left (the main task too) and
        # let it run its finally blocks.
        left = _all_pending()
        for x in left:
            x.cancel()
        for x in left:
            _run_until(x)
        _close()
    return t.result()


def _all_pending():
    return list(_live)


def _close():
    global _ready, _timers, _io
    _ready = []
    _timers = []
    _io = {}
    _live.clear()


# The less used parts are modules of their own, imported on first use (PEP 562), so that a
# program using only tasks, sleep and gather keeps their code and names out of the heap.
def __getattr__(name):
    if name in ("Event", "ThreadSafeFlag", "Lock"):
        import _asyncio_sync as m
    elif name in ("wait_for", "wait_for_ms", "get_event_loop", "new_event_loop",
                  "get_running_loop", "Loop"):
        import _asyncio_loop as m
    elif name in ("open_connection", "start_server", "StreamReader", "StreamWriter",
                  "Stream", "Server", "IncompleteReadError"):
        import _asyncio_stream as m
    else:
        raise AttributeError("module 'asyncio' has no attribute '%s'" % name)
    v = getattr(m, name)
    globals()[name] = v
    return v


