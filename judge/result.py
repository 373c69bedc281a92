"""The one result model. Terminal text, `--json` and JUnit are all renderings of `Result.to_dict()`.

The JSON shape is documented in the README and versioned by `schema`; fields are only ever added.
"""
from __future__ import annotations

import builtins
from dataclasses import asdict, dataclass, field, fields

from judge.sandbox.verdict import Verdict

SCHEMA_VERSION = 1

__all__ = ["SCHEMA_VERSION", "Finding", "Result", "Verdict"]


@dataclass
class Finding:
    """A verdict and why: what the judge decided about one call, one program, or a whole run."""

    verdict: Verdict
    message: str = ""
    property: str | None = None
    counterexample: str | None = None
    expected: str | None = None
    actual: str | None = None
    traceback: str | None = None


@dataclass(kw_only=True)
class Result(Finding):
    """A finished judgment: its finding, and the run it came from (seed, examples, resources)."""

    challenge: str
    seed: int = 0
    examples: int = 0
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    peak_memory_mib: float | None = None
    sandbox: str = ""
    submission: str = ""
    properties: list[dict] = field(default_factory=list)

    def adopt(self, finding: Finding) -> None:
        """Take a finding's verdict and every detail of it (the ones it leaves empty included)."""
        for name in (f.name for f in fields(Finding)):
            setattr(self, name, getattr(finding, name))

    @builtins.property
    def accepted(self) -> bool:
        return self.verdict is Verdict.AC

    @classmethod
    def from_dict(cls, data: dict) -> "Result":
        """The inverse of `to_dict`: how a result crosses between judge processes (as JSON text)."""
        known = {f.name for f in fields(cls)}
        return cls(**{**{k: v for k, v in data.items() if k in known}, "verdict": Verdict(data["verdict"])})

    def to_dict(self) -> dict:
        data = asdict(self)
        data = {"verdict": self.verdict.value, "challenge": data.pop("challenge"), **data}  # the documented order
        data["schema"] = SCHEMA_VERSION
        data["cpu_seconds"] = round(self.cpu_seconds, 3)
        data["wall_seconds"] = round(self.wall_seconds, 3)
        if self.peak_memory_mib is not None:
            data["peak_memory_mib"] = round(self.peak_memory_mib, 1)
        return data
