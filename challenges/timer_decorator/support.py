"""Runs on both sides (trusted): the functions the judge decorates, a fake clock, and scenario helpers.

A helper installs the fake clock as `time.perf_counter` only while it calls the decorated function
(in the sandbox, `prepare_sandbox` has also made the `time.perf_counter` a submission imports by name
read the fake clock then):
the clock stands still except inside the decorated function's body, which moves it forward by
planned amounts, so the elapsed time a correct decorator measures is known exactly however often it
reads the clock. Log records on the logger "timer" are captured by a handler the helper adds (and
removes); the helper returns plain data: outcomes, log lines, metadata.
"""
import asyncio
import inspect
import logging
import time

# The judge runs a program that calls these helpers with nothing else in flight: its helpers replace
# time.perf_counter while they run (a reply arriving meanwhile would be measured too).
RUN_ALONE = True

_PLAN = []  # the next clock advances, consumed in the order the bodies run
_NOW = [0.0]
_SELF = {}  # the decorated function a recursive body calls


_IN_SCENE = [False]


def _fake_perf_counter():
    return _NOW[0]


def prepare_sandbox():
    """Called by the worker before it imports the submission (never in the judge): time.perf_counter
    becomes a clock that reads the fake one during a scene and the real one otherwise, so a
    submission's `from time import perf_counter` at import is measured like `time.perf_counter()`."""
    real = time.perf_counter

    def perf_counter():
        return _NOW[0] if _IN_SCENE[0] else real()

    time.perf_counter = perf_counter


def _advance():
    _NOW[0] += _PLAN.pop(0) if _PLAN else 0.0


class Boom(Exception):
    """An ordinary exception raised by a decorated function."""


class Abort(BaseException):
    """Not an Exception: like KeyboardInterrupt or asyncio.CancelledError."""


def add(a, b=2, *rest, scale=1, **options):
    """Add a, b and rest, times scale; report the options."""
    _advance()
    return (a + b + sum(rest)) * scale, sorted(options.items())


add.tag = "arithmetic"


def echo(value):
    """Return value itself."""
    _advance()
    return value


def fail(x):
    """Raise Boom."""
    _advance()
    raise Boom(f"bad {x}")


def abort(x):
    """Raise Abort, a BaseException."""
    _advance()
    raise Abort(x)


def fib(n: int) -> int:
    """Fibonacci numbers, recursing through the decorated function."""
    _advance()
    return n if n < 2 else _SELF["fib"](n - 1) + _SELF["fib"](n - 2)


def nodoc(x: int, /, y: "str" = "a", *, z: float = 1.5) -> list:
    _advance()
    return [x, y, z]


class Account:
    def __init__(self, balance=0):
        self.balance = balance

    def deposit(self, amount: int) -> int:
        """Add amount; return the new balance."""
        _advance()
        self.balance += amount
        return self.balance


async def async_add(a, b=1):
    """Add after two awaits, moving the clock before each."""
    _advance()
    await asyncio.sleep(0)
    _advance()
    await asyncio.sleep(0)
    return a + b


async_add.tag = "coroutine"


async def async_fail(x):
    """Await, then raise Boom."""
    _advance()
    await asyncio.sleep(0)
    raise Boom(f"async bad {x}")


async def async_abort(x):
    """Await, then raise Abort (a BaseException)."""
    await asyncio.sleep(0)
    _advance()
    raise Abort(x)


TARGETS = {"add": add, "echo": echo, "fail": fail, "abort": abort, "fib": fib, "nodoc": nodoc,
           "deposit": Account.deposit, "async_add": async_add, "async_fail": async_fail,
           "async_abort": async_abort}
ASYNC = ("async_add", "async_fail", "async_abort")


def target(kind):
    """The undecorated function of this kind (the judge then calls the submission's timer on it)."""
    return TARGETS[kind]


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append([record.name, record.levelname, record.getMessage()])


class _Scene:
    """Fake clock installed, log capture on "timer" set up; both undone on exit."""

    def __init__(self, base, plan):
        self.base, self.plan = base, plan

    def __enter__(self):
        _NOW[0] = float(self.base)
        _PLAN[:] = [float(d) for d in self.plan]
        self.saved_clock = time.perf_counter
        time.perf_counter = _fake_perf_counter
        _IN_SCENE[0] = True
        self.logger = logging.getLogger("timer")
        self.saved = (self.logger.level, self.logger.propagate, self.logger.disabled)
        self.capture = _Capture()
        self.logger.addHandler(self.capture)
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False
        self.logger.disabled = False
        return self.capture.lines

    def __exit__(self, *exc):
        time.perf_counter = self.saved_clock
        _IN_SCENE[0] = False
        self.logger.removeHandler(self.capture)
        self.logger.level, self.logger.propagate, self.logger.disabled = self.saved
        _PLAN.clear()
        _SELF.clear()
        return False


def _outcome(call):
    try:
        return ["returned", call()]
    except Boom as exc:
        return ["raised", "Boom", str(exc)]
    except Abort as exc:
        return ["raised", "Abort", str(exc)]


def run_calls(timed, kind, calls, base):
    """Call the decorated function once per (x, ints, deltas) in calls, with the fake clock at base.

    Returns [[outcome, log lines], ...]: what the call returned (or raised) and the records logged on
    "timer" during it. `echo` reports whether the very object passed in came back; `deposit` calls the
    decorated function as a method of an instance; `fib` recurses through it.
    """
    results = []
    for x, ints, deltas in calls:
        with _Scene(base, deltas) as lines:
            if kind == "add":
                options = {"func": x, "args": len(ints)} if x % 2 else {}
                outcome = _outcome(lambda: timed(x, *ints, scale=x % 3 - 1, **options))
            elif kind == "echo":
                value = list(ints)
                outcome = _outcome(lambda: timed(value) is value)
            elif kind == "fib":
                _SELF["fib"] = timed
                outcome = _outcome(lambda: timed(x % 7))
            elif kind == "nodoc":
                outcome = _outcome(lambda: timed(x, str(ints), z=-0.5) if ints else timed(x))
            elif kind == "deposit":
                holder = type("Holder", (Account,), {"deposit": timed})(x)
                outcome = _outcome(lambda: [holder.deposit(i) for i in ints or [0]])
            elif kind in ASYNC:
                outcome = _outcome(lambda: asyncio.run(timed(x)))
            else:
                outcome = _outcome(lambda: timed(x))
            results.append([outcome, list(lines)])
    return results


def run_concurrent(timed, xs, plan, base):
    """Run timed(x) for every x as concurrent tasks of one event loop (asyncio.gather); the bodies
    interleave, so each call's elapsed time differs. Returns [results, log lines]."""
    async def main():
        return await asyncio.gather(*(timed(x) for x in xs), return_exceptions=True)

    with _Scene(base, plan) as lines:
        results = asyncio.run(main())
        return [[r if type(r) is int else type(r).__name__ for r in results], list(lines)]


def metadata(timed, kind):
    """What the decorated function tells about itself, and whether it is still a function of the same kind."""
    original = TARGETS[kind]
    try:
        signature = str(inspect.signature(timed))
    except (TypeError, ValueError) as exc:
        signature = f"no signature: {type(exc).__name__}"
    return {
        "__name__": getattr(timed, "__name__", None),
        "__qualname__": getattr(timed, "__qualname__", None),
        "__doc__": getattr(timed, "__doc__", None),
        "__module__": getattr(timed, "__module__", None) == original.__module__,
        "__wrapped__ is func": getattr(timed, "__wrapped__", None) is original,
        "tag": getattr(timed, "tag", None),
        "signature": signature,
        "iscoroutinefunction": inspect.iscoroutinefunction(timed),
        "is a new object": timed is not original,
    }
