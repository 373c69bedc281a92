"""`judge run --junitxml FILE`: judgments as JUnit XML, rendered from `Result.to_dict()`.

One <testsuite> per challenge, one <testcase> per submission (CI systems show a file per row); a
rejection is a <failure> whose text is the counterexample, an internal error an <error>.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from judge.result import Result, Verdict


def render_results(results: list[Result]) -> str:
    suites = ET.Element("testsuites", name="judge run")
    by_challenge: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_challenge[result.challenge].append(result)
    for challenge, judged in by_challenge.items():
        failures = sum(not r.accepted and r.verdict is not Verdict.IE for r in judged)
        errors = sum(r.verdict is Verdict.IE for r in judged)
        suite = ET.SubElement(suites, "testsuite", name=challenge, tests=str(len(judged)), failures=str(failures),
                              errors=str(errors), skipped="0", time=f"{sum(r.wall_seconds for r in judged):.3f}")
        for result in judged:
            data = result.to_dict()
            case = ET.SubElement(suite, "testcase", classname=f"judge.run.{challenge}",
                                 name=data["submission"] or challenge, time=f"{data['wall_seconds']:.3f}")
            summary = f"{data['verdict']} ({result.verdict.meaning}): {data['message']}"
            if result.accepted:
                ET.SubElement(case, "system-out").text = f"{summary}\nseed {data['seed']}, {data['examples']} examples"
                continue
            tag = "error" if result.verdict is Verdict.IE else "failure"
            element = ET.SubElement(case, tag, message=summary[:500], type=data["verdict"])
            details = [summary, f"property: {data['property']}"] if data["property"] else [summary]
            if data["counterexample"]:
                details.append(f"counterexample:\n{data['counterexample']}")
            if data["expected"] is not None and data["actual"] is not None:
                details.append(f"expected: {data['expected']}\nactual:   {data['actual']}")
            if data["traceback"]:
                details.append(data["traceback"].rstrip())
            details.append(f"seed {data['seed']}  (replay: --seed {data['seed']})")
            element.text = "\n".join(details)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
