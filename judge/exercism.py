"""`judge exercism SLUG INPUT_DIR OUTPUT_DIR`: Exercism's test-runner interface, version 3.

Exercism runs one script per track with these three arguments and reads `OUTPUT_DIR/results.json`;
the script exits 0 whenever it could write that file, whatever the verdict. Each property the judge
ran is one test, in the order it ran; the failing one carries the counterexample. Properties after
the first failure are not run (the judge stops there), so they are not listed. `status` is `error`
only when no test ran: the solution did not compile or import (CE), or the judge could not judge.
"""
from __future__ import annotations

import json
from pathlib import Path

from judge.errors import JudgeError
from judge.result import Result, Verdict

VERSION = 3
MESSAGE_LIMIT = 65535  # Exercism's limit on every message


def solution_file(slug: str, input_dir: Path) -> Path:
    """The solution: `.meta/config.json`'s `files.solution`, else SLUG.py (dashes as underscores),
    else the one .py file that is not a test."""
    config = input_dir / ".meta" / "config.json"
    if config.is_file():
        try:
            files = json.loads(config.read_text(encoding="utf-8")).get("files", {}).get("solution", [])
        except (ValueError, AttributeError):
            files = []
        for name in files:
            if name.endswith(".py") and (input_dir / name).is_file():
                return input_dir / name
    named = input_dir / f"{slug.replace('-', '_')}.py"
    if named.is_file():
        return named
    candidates = [p for p in sorted(input_dir.glob("*.py")) if not p.name.endswith("_test.py") and not p.name.startswith("test_")]
    if len(candidates) == 1:
        return candidates[0]
    raise JudgeError(f"no solution file in {input_dir.name}/: expected {named.name}"
                     + (f" (found {', '.join(p.name for p in candidates)})" if candidates else ""))


def _clip(text: str | None) -> str | None:
    return None if text is None else text[:MESSAGE_LIMIT]


def to_exercism(result: Result) -> dict:
    """A judge Result as Exercism's results.json document."""
    if result.verdict in (Verdict.CE, Verdict.IE) or not result.properties:
        return {"version": VERSION, "status": "error", "message": _clip(f"{result.verdict.value}: {result.message}")}
    tests = []
    for prop in result.properties:
        passed = prop["verdict"] == Verdict.AC.value
        test = {"name": prop["name"], "status": "pass" if passed else "fail",
                "test_code": f"# property {prop['name']}: {prop['examples']} generated examples "
                             f"(replay: --seed {result.seed})"}
        if not passed:
            lines = [f"{prop['verdict']}: {result.message}"]
            if result.expected is not None and result.actual is not None:
                lines.append(f"expected {result.expected}, got {result.actual}")
            if result.traceback:
                lines.append(result.traceback.rstrip())
            test["message"] = _clip("\n".join(lines))
            if result.counterexample:
                test["test_code"] = result.counterexample
        tests.append(test)
    return {"version": VERSION, "status": "pass" if result.accepted else "fail", "tests": tests}


def error_document(message: str) -> dict:
    return {"version": VERSION, "status": "error", "message": _clip(message)}


def write_results(output_dir: Path, document: dict) -> Path:
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / "results.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
