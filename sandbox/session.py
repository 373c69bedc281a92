"""The judge's end of one sandboxed worker: framing, limits and fail-closed reading.

Backends (local process, Docker container) only differ in how the worker is started, killed and
measured; they feed the worker's two output streams into a `StreamSession`, which owns everything
that decides a verdict: the wall clock, the output cap, the frame cap and strict JSON parsing.
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from judge.sandbox.protocol import FrameTooLarge, pack_frame, parse_frame, take_frame
from judge.sandbox.verdict import Verdict

STDERR_TAIL = 8192
# How often a reply's arrival reads the worker's CPU time and memory from outside (files under
# /proc or the cgroup): examples sent ahead arrive every millisecond or so, and reading after each
# cost more than the example. The CPU limit itself is enforced at once by the backend (RLIMIT_CPU,
# the cgroup sampler); this check only names it sooner.
MEASURE_EVERY_S = 0.05


@dataclass(frozen=True)
class Limits:
    cpu_seconds: float
    wall_seconds: float
    memory_mib: int
    output_kib: int
    pids: int = 64
    frame_mib: int = 64


# The runtime profiles, one sandbox image each: a challenge's `runtime`, `judge sandbox build --profile`.
PROFILES = ("python", "torch", "torch-gpu")


@dataclass(frozen=True)
class Job:
    """What a backend needs to start a worker: files to expose read-only, and how to run them."""

    workdir: Path  # host folder holding submission.py (and support.py); exposed read-only
    limits: Limits
    profile: str = "python"  # one of PROFILES
    device: str = "cpu"


@dataclass
class Usage:
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    peak_memory_mib: float | None = None


@dataclass(frozen=True)
class Ticket:
    """A message sent and not yet answered: its id, and when it left (the wall clock's start)."""

    id: int
    sent_at: float
    size: int = 0  # the frame's bytes, while it is in flight


class SandboxFailure(Exception):
    """The worker could not answer: a resource verdict (TLE/MLE/OLE), a crash (RE) or the judge's fault (IE)."""

    def __init__(self, verdict: Verdict, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.verdict, self.message, self.detail = verdict, message, detail


class BackendUnavailable(Exception):
    """The backend cannot run here (no Docker daemon, no GPU, ...). One line, shown to the user."""


@dataclass
class _Inbox:
    buffer: bytearray = field(default_factory=bytearray)  # the start of a reply still arriving
    frames: deque = field(default_factory=deque)  # complete replies: (body, when its last byte came in)
    queued_bytes: int = 0  # the bodies in `frames`
    stderr_bytes: int = 0
    stderr_tail: bytearray = field(default_factory=bytearray)
    eof: bool = False
    violation: SandboxFailure | None = None
    oversized: bool = False  # after the complete replies, a header announcing more than the cap
    closing: bool = False  # the judge is killing the worker: the reader stops holding back


class StreamSession:
    """Request/response over the worker's stdin and stdout; its stderr is counted, never parsed."""

    kill_before_cleanup = True  # False where cleaning up kills anyway (one call fewer on Ctrl-C)

    def __init__(self, job: Job) -> None:
        self.job = job
        self.limits = job.limits
        self.usage = Usage()
        self._inbox = _Inbox()
        self._cond = threading.Condition()
        # Every reply names the question it answers. Ids start at a random point, so a message the
        # submission forges at import (before the real reply) is refused at once, whatever the load.
        self._next_id = secrets.randbits(48)
        self._outstanding = 0  # messages sent and not yet answered (the judge sends ahead: see send)
        self._last_arrival = 0.0  # when the last reply taken came in: the next message's work starts then
        self._measured_at = 0.0
        self._dead: SandboxFailure | None = None
        self._closed = False

    # -- to be provided by a backend
    def _send(self, data: bytes) -> None:
        raise NotImplementedError

    def _kill(self) -> None:
        raise NotImplementedError

    def _exit_failure(self) -> SandboxFailure:
        """Explain why the worker is gone, from the backend's own evidence (exit status, OOM flags)."""
        raise NotImplementedError

    def _measure(self) -> None:
        """Update self.usage.cpu_seconds / peak_memory_mib from outside the worker."""

    def _cleanup(self) -> None:
        """Release everything the backend holds (process, container, files)."""

    # -- fed by the backend's reader threads
    # The reader threads never kill: they keep draining (and dropping) what comes after a violation,
    # so a backend whose kill waits for the stream to drain (Docker's attach) cannot deadlock.
    # The judge's thread, woken by the violation, does the killing.
    # Complete replies are cut out as they arrive, each stamped with its own arrival time: the judge
    # may have several messages in flight. What waits here is held to one frame's cap: past it the
    # reader stops reading (the worker blocks on its pipe) until the judge takes a reply.
    def feed_stdout(self, data: bytes) -> None:
        with self._cond:
            inbox = self._inbox
            if inbox.violation is not None or inbox.oversized:
                return  # nothing after an oversized header is read: the replies before it still count
            inbox.buffer += data
            now = time.monotonic()
            cap = self.limits.frame_mib * 2**20
            while True:
                try:
                    body = take_frame(inbox.buffer, cap)
                except FrameTooLarge:
                    inbox.oversized = True
                    inbox.buffer.clear()
                    break
                if body is None:
                    break
                inbox.frames.append((body, now))
                inbox.queued_bytes += len(body)
            self._cond.notify_all()
            while inbox.frames and inbox.queued_bytes + len(inbox.buffer) > cap and not inbox.closing:
                self._cond.wait()

    def feed_stderr(self, data: bytes) -> None:
        with self._cond:
            inbox = self._inbox
            inbox.stderr_bytes += len(data)
            inbox.stderr_tail += data
            del inbox.stderr_tail[:-STDERR_TAIL]
            if inbox.stderr_bytes > self.limits.output_kib * 1024 and inbox.violation is None:
                inbox.violation = SandboxFailure(
                    Verdict.OLE, f"the submission printed more than the {self.limits.output_kib} KiB output limit")
            self._cond.notify_all()

    def feed_eof(self) -> None:
        with self._cond:
            self._inbox.eof = True
            self._cond.notify_all()

    @property
    def stderr_tail(self) -> str:
        return bytes(self._inbox.stderr_tail).decode("utf-8", "replace")

    # -- the judge's side
    def _take_frame(self) -> tuple[bytes, float] | None:
        inbox = self._inbox
        if not inbox.frames:
            return None
        body, arrived = inbox.frames.popleft()
        inbox.queued_bytes -= len(body)
        self._cond.notify_all()  # a reader holding back may read on
        return body, arrived

    def _release_reader(self) -> None:
        with self._cond:
            self._inbox.closing = True
            self._cond.notify_all()

    def _fail(self, failure: SandboxFailure | None = None) -> SandboxFailure:
        """Kill the worker and keep what happened as the session's end (it is dead now). Without a
        failure, the worker closed its output unasked: the backend's own evidence (exit status,
        OOM flags), read once it is killed, says why."""
        self._release_reader()
        self._kill()
        self._dead = failure or self._exit_failure()
        return self._dead

    def request(self, message: dict, timeout: float | None = None, op: str = "result") -> dict:
        """Send one message and return the worker's reply, or raise SandboxFailure."""
        return self.receive(self.send(message), timeout=timeout, op=op)

    def send(self, message: dict) -> "Ticket":
        """Send one message without waiting: the judge runs the reference meanwhile, and collects
        the reply with `receive`. Several may be in flight; the worker answers them in order, and
        they are received in order."""
        return self.send_frame(*self.frame(message))

    def frame(self, message: dict) -> tuple[int, bytes]:
        """The message numbered and framed, ready for `send_frame`: its size decides when it may go."""
        self._next_id += 1
        return self._next_id, pack_frame({**message, "id": self._next_id})

    def send_frame(self, ident: int, data: bytes) -> "Ticket":
        if self._dead is not None:
            raise self._dead
        with self._cond:
            if not self._outstanding and (self._inbox.buffer or self._inbox.frames):
                raise self._fail(SandboxFailure(Verdict.RE, "the worker sent a message nobody asked for"))
            self._outstanding += 1
        started = time.monotonic()
        try:
            self._send(data)
        except OSError:
            pass  # the worker is gone; the wait in receive explains why
        return Ticket(ident, started, len(data))

    def replied(self) -> bool:
        """Whether `receive` would return (or fail) at once: a reply, a violation or the end is in."""
        with self._cond:
            inbox = self._inbox
            return bool(inbox.frames) or inbox.violation is not None or inbox.eof or inbox.oversized

    def receive(self, ticket: "Ticket", timeout: float | None = None, op: str = "result") -> dict:
        """The reply to `ticket`'s message. Its wall time runs from the moment the worker could
        start on it (the send, or the previous reply's arrival when several were in flight) to the
        moment the reply arrived (stamped by the reader thread), not to the moment the judge looked."""
        if self._dead is not None:
            raise self._dead
        started = max(ticket.sent_at, self._last_arrival)
        budget = self.limits.wall_seconds - self.usage.wall_seconds
        wait = budget if timeout is None else min(timeout, budget)
        taken = None
        with self._cond:
            deadline = started + max(wait, 0.0)
            while True:
                taken = self._take_frame()
                if taken is not None or self._inbox.violation is not None or self._inbox.eof or self._inbox.oversized:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(min(remaining, 0.5))
            violation = self._inbox.violation
            if violation is None and taken is None and self._inbox.oversized:
                violation = SandboxFailure(Verdict.OLE, f"a reply exceeded the {self.limits.frame_mib} MiB message limit")
            frame, arrived = taken if taken is not None else (None, time.monotonic())
            if taken is not None:
                self._outstanding -= 1
                self._last_arrival = arrived
        self.usage.wall_seconds += max(0.0, min(arrived, time.monotonic()) - started)
        if violation is not None:
            raise self._fail(violation)
        if frame is None:
            if self._inbox.eof:
                raise self._fail()
            if timeout is not None and wait < budget:
                raise self._fail(SandboxFailure(Verdict.TLE, f"a call took longer than {wait:.2f} s"))
            raise self._fail(SandboxFailure(
                Verdict.TLE, f"wall time limit of {self.limits.wall_seconds:g} s exceeded"))
        if arrived - started > wait:  # it came, but after the deadline (the judge was busy elsewhere)
            if timeout is not None and wait < budget:
                raise self._fail(SandboxFailure(Verdict.TLE, f"a call took longer than {wait:.2f} s"))
            raise self._fail(SandboxFailure(
                Verdict.TLE, f"wall time limit of {self.limits.wall_seconds:g} s exceeded"))
        if arrived - self._measured_at >= MEASURE_EVERY_S:  # the backends' own limits act at once
            self._measured_at = arrived
            self._measure()
        if self.usage.cpu_seconds > self.limits.cpu_seconds:
            raise self._fail(SandboxFailure(Verdict.TLE, f"CPU time limit of {self.limits.cpu_seconds:g} s exceeded"))
        try:
            reply = parse_frame(frame)
        except (ValueError, RecursionError) as exc:
            raise self._fail(SandboxFailure(Verdict.RE, f"malformed reply from the worker ({type(exc).__name__})"))
        if reply.get("op") != op and not (op == "ready" and reply.get("op") == "import_error"):
            raise self._fail(SandboxFailure(Verdict.RE, "the worker answered out of turn"))
        if reply.get("id") != ticket.id:
            raise self._fail(SandboxFailure(Verdict.RE, "the worker answered a question nobody asked"))
        return reply

    def start(self, hello: dict) -> dict:
        """Send the hello message; the reply says whether the submission imported."""
        return self.request({"op": "hello", **hello}, op="ready")

    def close(self) -> Usage:
        if not self._closed:
            self._closed = True
            self._release_reader()
            try:
                self._measure()
            finally:
                try:
                    if self.kill_before_cleanup:
                        self._kill()
                finally:
                    self._cleanup()  # whatever happened above, nothing may be left behind
        return self.usage

    def __enter__(self) -> "StreamSession":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
