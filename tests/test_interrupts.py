"""Ctrl-C and SIGTERM during a judgment end it (judge.interrupts), wherever in the judge they land.

A signal that landed inside hypothesis' own machinery was taken by hypothesis for its own
inconsistency (FlakyStrategyDefinition): the judge said IE and went on judging, with the sandbox
still running. It now waits for the judge's own code.
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from judge.interrupts import Terminated, inside_hypothesis, on_signal
from judge.runner import judge_submission
from judge.sandbox.local import LocalBackend
from tests.conftest import write_challenge


def _challenge(tmp_path: Path, signal_in: str):
    """A challenge whose 30th example sends SIGTERM to the judge itself, from inside hypothesis
    (a strategy's map: hypothesis calls it while it draws) or from the property (judge code)."""
    challenge = write_challenge(tmp_path / "double", interface=["double"], spec="double(x) returns 2 * x.\n",
                                reference="def double(x):\n    return 2 * x\n", properties=f'''
        import os, signal
        from hypothesis import strategies as st
        from judge.harness import prop

        drawn = [0]

        def maybe_signal(x):
            drawn[0] += 1
            if drawn[0] == 30:
                os.kill(os.getpid(), signal.SIGTERM)
            return x

        @prop(st.integers(0, 10_000){".map(maybe_signal)" if signal_in == "strategy" else ""}, max_examples=200)
        def doubles(p, x):
            {"maybe_signal(x)" if signal_in == "property" else ""}
            p.call("double", x)
    ''')
    submission = tmp_path / "submission.py"
    submission.write_text("def double(x):\n    return 2 * x\n")
    return challenge, submission


@pytest.fixture
def judge_handlers():
    saved = signal.signal(signal.SIGTERM, on_signal)
    yield
    signal.signal(signal.SIGTERM, saved)


class _Recording(LocalBackend):
    def __init__(self) -> None:
        super().__init__()
        self.sessions = []

    def open(self, job):
        self.sessions.append(super().open(job))
        return self.sessions[-1]


def _signal_in_hypothesis_bookkeeping(monkeypatch) -> None:
    """SIGTERM from inside hypothesis' own code, between two examples: where, landing on its own,
    it made hypothesis raise FlakyStrategyDefinition (its branch tracer, set up for every example)."""
    scrutineer = pytest.importorskip("hypothesis.internal.scrutineer")
    original, made = scrutineer.Tracer.__init__, [0]

    def init(self, *args, **kwargs):
        made[0] += 1
        if made[0] == 30:
            os.kill(os.getpid(), signal.SIGTERM)
        original(self, *args, **kwargs)

    monkeypatch.setattr(scrutineer.Tracer, "__init__", init)


@pytest.mark.parametrize("signal_in", ["hypothesis", "strategy", "property"])
def test_sigterm_ends_the_judgment_wherever_it_lands(tmp_path, judge_handlers, monkeypatch, signal_in):
    challenge, submission = _challenge(tmp_path, signal_in)
    if signal_in == "hypothesis":
        _signal_in_hypothesis_bookkeeping(monkeypatch)
    backend = _Recording()
    with pytest.raises(Terminated):  # not an IE verdict for a "flaky" property, judged to the end
        judge_submission(challenge, submission, backend, seed=1)
    assert len(backend.sessions) == 1 and backend.sessions[0].proc.poll() is not None  # the worker is gone


def test_the_judges_own_code_is_not_inside_hypothesis():
    assert not inside_hypothesis(sys._getframe())
