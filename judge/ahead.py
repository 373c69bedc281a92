"""Examples sent ahead of their verdicts: how a property's examples reach the worker (judge.runner.Judging
decides what each reply means)."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from judge.harness import Program, Property
from judge.sandbox.session import SandboxFailure, Ticket

if TYPE_CHECKING:
    from judge.runner import Failure, Judging

# Examples sent ahead of their verdicts (see Ahead): the bytes in flight stay well under a pipe's
# 64 KiB, so a send never blocks on a busy worker.
AHEAD_BYTES = 32 * 1024
# How many examples may be drawn (and their references run) before the sandbox is up: this hides
# the container's start (about 0.3 s). A Ctrl-C or SIGTERM landing meanwhile, mostly inside
# hypothesis, waits for the judge's own code (judge.interrupts).
AHEAD_EXAMPLES = 256


@dataclass
class _Example:
    """One example on its way: its program and calls, the reference's outcomes, and its frame and
    ticket once the sandbox is up."""

    program: Program
    calls: list[dict]
    number: int  # the judgment's example count once this one was drawn
    reference: list | None = None
    ident: int = 0
    frame: bytes | None = None
    ticket: Ticket | None = None


class Ahead:
    """Examples sent ahead of their verdicts, for one property.

    Hypothesis waits for each example's pass or fail before it generates the next. Judged one round
    trip at a time, the judge and the worker took turns (each idle half the time), and the judge sat
    idle while the sandbox started. Here an example is sent (or queued until the sandbox is up), the
    reference runs meanwhile, and hypothesis moves on at once; the replies are judged in order as
    they come in. The first failure ends the pass. Hypothesis draws the same examples from the same
    seed while they pass, so the judge then replays the property one example at a time to shrink
    the failure, exactly as a judgment without sending ahead would have (see Judging.run_property)."""

    def __init__(self, judging: "Judging", prop: Property) -> None:
        self.judging, self.prop = judging, prop
        self.queued: deque[_Example] = deque()  # waiting for the sandbox, or for room on the wire
        self.in_flight: deque[_Example] = deque()  # sent; reply not judged yet
        self.bytes_in_flight = 0
        self.failure: Failure | None = None
        self.failed_at: int | None = None  # the failing example's number (examples after it were drawn too)

    def add(self, program: Program, calls: list[dict]) -> None:
        """Send one example (the reference runs while the worker does) and judge the replies already in."""
        example = _Example(program, calls, self.judging.examples)
        self.queued.append(example)
        self._send_queued(block=len(self.queued) > AHEAD_EXAMPLES)
        example.reference = self.judging.run_reference(example.calls)
        self._judge_replies(block=False)

    def finish(self) -> Failure | None:
        """Judge every example still queued or in flight; the first failure, if any."""
        while (self.queued or self.in_flight) and self.failure is None:
            self._send_queued(block=True)
            self._judge_replies(block=True)
        return self.failure

    def drain(self) -> bool:
        """Take the replies still due, unjudged (the worker answers in order, and a replay must not
        read them as its own); forget what was never sent. False when the worker did not survive."""
        self.queued.clear()
        try:
            while self.in_flight:
                self.judging.session.receive(self.in_flight.popleft().ticket)
        except SandboxFailure:
            return False
        return True

    def _send_queued(self, block: bool) -> None:
        session = self.judging.live_session(block)
        while session is not None and self.queued and self.failure is None:
            example = self.queued[0]
            if example.frame is None:
                example.ident, example.frame = session.frame({"op": "run", "calls": example.calls})
            while self.in_flight and self.bytes_in_flight + len(example.frame) > AHEAD_BYTES:
                self._judge_oldest()
                if self.failure is not None:
                    return
            example.ticket = session.send_frame(example.ident, example.frame)
            example.frame = None
            self.queued.popleft()
            self.in_flight.append(example)
            self.bytes_in_flight += example.ticket.size

    def _judge_replies(self, block: bool) -> None:
        while self.in_flight and self.failure is None and (block or self.judging.session.replied()):
            self._judge_oldest()

    def _judge_oldest(self) -> None:
        example = self.in_flight.popleft()
        self.bytes_in_flight -= example.ticket.size
        self.failure = self.judging.judge_reply(example.program, self.prop, example.calls, example.reference,
                                                example.ticket)
        if self.failure is not None:
            self.failed_at = example.number
