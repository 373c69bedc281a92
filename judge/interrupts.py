"""Ctrl-C and SIGTERM as exceptions in the judge's main thread (KeyboardInterrupt, Terminated), so
that every `finally` runs and the sandbox is removed; raised only where they cannot be lost.

Two places lose an exception raised at an arbitrary moment:
- a gc callback (hypothesis installs one): the collector swallows what it raises. The signal is
  delivered again 50 ms later.
- hypothesis' own machinery (drawing an example, its bookkeeping): it took the exception for its
  own inconsistency and raised FlakyStrategyDefinition instead, so the judge reported IE and went
  on judging with the container still running. The signal is held until hypothesis next calls the
  judge (a callback marked with `hypothesis_calls`) or returns to it (`raise_held`); Judging._explore,
  the one place hypothesis runs, does both.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from types import CodeType, FrameType
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so every `finally` (container removal included) runs.

    A BaseException, like KeyboardInterrupt, so that hypothesis does not take it for a failing example.
    """


_CALLBACKS: set[CodeType] = set()  # the judge's functions that hypothesis calls
_HELD: list[int] = []  # a signal that landed inside hypothesis, waiting for the judge's own code


def exception_for(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated()


def hypothesis_calls(function: F) -> F:
    """Mark a function that hypothesis calls back (a test function): a signal held while
    hypothesis ran is raised when it is next called, and one landing inside it is raised there."""
    _CALLBACKS.add(function.__code__)
    return function


def raise_held() -> None:
    """Raise the signal held while hypothesis ran, if any (the first one: later ones add nothing)."""
    if _HELD:
        signum = _HELD[0]
        _HELD.clear()
        raise exception_for(signum)


def on_signal(signum: int, frame: FrameType | None) -> None:
    """The handler for SIGINT and SIGTERM (see the module's docstring for when it waits)."""
    if in_gc_callback(frame):
        timer = threading.Timer(0.05, os.kill, (os.getpid(), signum))
        timer.daemon = True
        timer.start()
        return
    if inside_hypothesis(frame):
        if not _HELD:
            _HELD.append(signum)
        return
    raise exception_for(signum)


def in_gc_callback(frame: FrameType | None) -> bool:
    codes = {getattr(callback, "__code__", None) for callback in gc.callbacks}
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


def inside_hypothesis(frame: FrameType | None) -> bool:
    """Whether the frame is hypothesis' own code, or code it calls that is not a judge callback
    (a strategy's map or filter, say)."""
    hypothesis = sys.modules.get("hypothesis")
    if hypothesis is None or not getattr(hypothesis, "__file__", None):
        return False
    root = os.path.dirname(hypothesis.__file__) + os.sep
    while frame is not None:
        if frame.f_code in _CALLBACKS:
            return False
        if frame.f_code.co_filename.startswith(root):
            return True
        frame = frame.f_back
    return False
