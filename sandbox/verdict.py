"""The verdict vocabulary: the one list of codes every layer speaks.

It lives at the bottom (the sandbox side), because the backends already name verdicts (a session's
TLE, MLE, OLE or RE), and the judge imports the sandbox, never the reverse. The worker never uses
it: it reports values, and verdicts are decided on the judge's side of the wire.
"""
from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """A verdict code. A StrEnum: it equals, formats and serialises as its code ("WA")."""

    AC = "AC"
    WA = "WA"
    TLE = "TLE"
    MLE = "MLE"
    RE = "RE"
    CE = "CE"
    OLE = "OLE"
    IE = "IE"

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    Verdict.AC: "accepted", Verdict.WA: "wrong answer", Verdict.TLE: "time limit exceeded",
    Verdict.MLE: "memory limit exceeded", Verdict.RE: "runtime error", Verdict.CE: "compile error",
    Verdict.OLE: "output limit exceeded", Verdict.IE: "internal error",
}
