"""The one result model. Terminal text, `--json` and JUnit are all renderings of `Result.to_dict()`.

The JSON shape is documented in the README and versioned by `schema`; fields are only ever added.
"""
from __future__ import annotations

import builtins
from dataclasses import asdict, dataclass, field
from enum import Enum

SCHEMA_VERSION = 1


class Verdict(str, Enum):
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
        return {
            "AC": "accepted", "WA": "wrong answer", "TLE": "time limit exceeded",
            "MLE": "memory limit exceeded", "RE": "runtime error", "CE": "compile error",
            "OLE": "output limit exceeded", "IE": "internal error",
        }[self.value]


@dataclass
class Result:
    verdict: Verdict
    challenge: str
    message: str = ""
    property: str | None = None
    counterexample: str | None = None
    expected: str | None = None
    actual: str | None = None
    traceback: str | None = None
    seed: int = 0
    examples: int = 0
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    peak_memory_mib: float | None = None
    sandbox: str = ""
    submission: str = ""
    properties: list[dict] = field(default_factory=list)

    @builtins.property
    def accepted(self) -> bool:
        return self.verdict is Verdict.AC

    def to_dict(self) -> dict:
        data = asdict(self)
        data["verdict"] = self.verdict.value
        data["schema"] = SCHEMA_VERSION
        data["cpu_seconds"] = round(self.cpu_seconds, 3)
        data["wall_seconds"] = round(self.wall_seconds, 3)
        if self.peak_memory_mib is not None:
            data["peak_memory_mib"] = round(self.peak_memory_mib, 1)
        return data
