"""`judge check`'s report: one CheckResult per check of a challenge, and the text, JSON and JUnit
renderings of a run's reports. judge.check runs the checks; nothing here judges anything."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from judge.mutation import MutationReport

SCHEMA_VERSION = 1


@dataclass
class CheckResult:
    name: str
    passed: bool
    details: str = ""
    skipped: bool = False
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return "skip" if self.skipped else "pass" if self.passed else "FAIL"

    def to_dict(self) -> dict:
        return {"name": self.name, "passed": self.passed, "skipped": self.skipped, "details": self.details,
                "seconds": round(self.seconds, 2)}


@dataclass
class CheckReport:
    challenge: str
    path: str
    checks: list[CheckResult] = field(default_factory=list)
    mutation: MutationReport | None = None
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return all(c.passed or c.skipped for c in self.checks) and not any(
            c.skipped and c.name == "yaml" for c in self.checks)

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed and not c.skipped]

    def get(self, name: str) -> CheckResult:
        return next(c for c in self.checks if c.name == name)

    @property
    def mutation_score(self) -> float | None:
        return self.mutation.score if self.mutation else None

    @property
    def survivors(self) -> list:
        return self.mutation.survivors if self.mutation else []

    def to_dict(self) -> dict:
        return {"challenge": self.challenge, "path": self.path, "passed": self.passed,
                "seconds": round(self.seconds, 2), "checks": [c.to_dict() for c in self.checks],
                "mutation": self.mutation.to_dict() if self.mutation else None}


def render_text(reports: list[CheckReport], verbose: bool = False) -> str:
    lines = []
    width = max((len(c.name) for r in reports for c in r.checks), default=0)
    for report in reports:
        failed = len(report.failed)
        head = "ok" if report.passed else f"FAILED ({failed} check{'s' * (failed != 1)})"
        lines.append(f"{report.challenge}: {head} in {report.seconds:.1f} s  [{report.path}]")
        for check in report.checks:
            details = check.details
            if check.name == "mutation_score" and report.mutation is not None:
                details = report.mutation.summary()
            first, *rest = (details or "").splitlines() or [""]
            lines.append(f"  {check.status:4}  {check.name:{width}}  {first}".rstrip())
            if not check.passed and not check.skipped and check.name != "mutation_score":
                lines += [f"  {'':4}  {'':{width}}  {line}" for line in rest]
        if report.mutation is not None:
            for problem in report.mutation.problems:
                lines.append(f"        {problem}")
            equivalent = [m for m in report.mutation.mutants if m.status == "equivalent"]
            if equivalent:
                lines.append("  equivalent mutants (not scored):")
                lines += [f"    {m.id}: {m.reason}" for m in equivalent]
            if report.mutation.survivors:
                lines.append("  surviving mutants (the properties do not notice these changes):")
                for mutant in report.mutation.survivors:
                    note = f" [{mutant.verdict}: {mutant.message}]" if mutant.status == "error" else ""
                    lines.append(f"    {mutant.id}  {mutant.description}{note}")
                    lines += [f"      {line}" for line in mutant.diff.rstrip().splitlines()]
            if verbose:
                lines.append("  all mutants:")
                lines += [f"    {m.id:24} {m.status:10} {m.verdict or '':4} {m.seconds:5.1f} s  {m.description}"
                          for m in report.mutation.mutants]
    total = sum(1 for r in reports if r.passed)
    lines.append(f"{total} of {len(reports)} challenge{'s' * (len(reports) != 1)} pass every check")
    return "\n".join(lines)


def render_json(reports: list[CheckReport]) -> str:
    return json.dumps({"schema": SCHEMA_VERSION, "passed": all(r.passed for r in reports),
                       "challenges": [r.to_dict() for r in reports]}, indent=2, ensure_ascii=False)


def render_junit(reports: list[CheckReport]) -> str:
    """One <testsuite> per challenge, one <testcase> per check; failures carry the details."""
    suites = ET.Element("testsuites", name="judge check")
    for report in reports:
        failures = len(report.failed)
        skipped = sum(c.skipped for c in report.checks)
        suite = ET.SubElement(suites, "testsuite", name=report.challenge, tests=str(len(report.checks)),
                              failures=str(failures), errors="0", skipped=str(skipped),
                              time=f"{report.seconds:.3f}")
        for check in report.checks:
            case = ET.SubElement(suite, "testcase", classname=f"judge.check.{report.challenge}", name=check.name,
                                 time=f"{check.seconds:.3f}")
            first = (check.details or "").splitlines()[0] if check.details else ""
            if check.skipped:
                ET.SubElement(case, "skipped", message=first)
            elif not check.passed:
                failure = ET.SubElement(case, "failure", message=first[:500], type="CheckFailed")
                failure.text = check.details
            elif check.details:
                ET.SubElement(case, "system-out").text = check.details
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
