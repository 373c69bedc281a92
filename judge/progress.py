"""Live progress of a judgment on a terminal: one status line on stderr, redrawn in place.

Shown only when stderr is a terminal and the output is for a person (not `--json`): the step (the
property running, or what happens before the first), the examples so far and the elapsed time.
A ticker redraws the line every quarter second, so the elapsed time moves even while one long
step runs: nothing is silent for more than a second. The line is erased before the result prints.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from judge.runner import Progress

TICK_SECONDS = 0.25


class TerminalProgress:
    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self._state = Progress("loading")
        self._started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._width = 0
        self._ticker = threading.Thread(target=self._tick, name="progress", daemon=True)

    def __enter__(self) -> "TerminalProgress":
        self._ticker.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._ticker.join()
        with self._lock:
            self._write("\r" + " " * self._width + "\r")

    def __call__(self, state: Progress) -> None:
        """The judge's progress callback: remember where it is; the ticker draws it."""
        self._state = state

    def line(self) -> str:
        state, elapsed = self._state, time.monotonic() - self._started
        if state.scaling:
            doing = f"{state.step} (timed)"
        elif state.shrinking:
            doing = f"{state.step}: shrinking a failure"
        else:
            doing = state.step
        examples = f"  {state.examples} examples" if state.examples else ""
        return f"{self.label}: {doing}{examples}  {elapsed:.1f} s"

    def _tick(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            with self._lock:
                text = self.line()
                self._write("\r" + text.ljust(self._width))
                self._width = max(self._width, len(text))

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: the judgment goes on without it
            self._stop.set()


def progress_for(label: str, enabled: bool) -> TerminalProgress | None:
    """A TerminalProgress when stderr is a terminal and the output is for a person, else None."""
    if not enabled:
        return None
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return TerminalProgress(label)
