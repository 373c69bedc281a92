"""judge.check: the author CI passes a good challenge and names the check that a broken one fails."""
from __future__ import annotations

import argparse
import ast
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from judge.catalog import ChallengesDir
from judge.check import (CHECKS, add_check_arguments, check_challenge, check_folder, command_check, render_json,
                         render_junit, render_text)
from judge.challenge import load_challenge
from judge.plugins import make_plugin_manager
from judge.scaffold import new_challenge
from judge.sandbox.local import LocalBackend

FAST = {"seeds": (1,), "mutation": False, "max_examples": 20, "jobs": 1}  # jobs=1: no worker processes


@pytest.fixture(scope="module")
def good_report(tmp_path_factory):
    """The full check (three seeds, mutation) of a freshly scaffolded challenge, run once for the module."""
    folder = new_challenge(tmp_path_factory.mktemp("pack"), "sum_list", "coding")
    return check_challenge(load_challenge(folder), LocalBackend())


def test_scaffolded_challenge_passes_every_check(good_report):
    assert [c.name for c in good_report.checks] == list(CHECKS)
    failed = {c.name: c.details for c in good_report.failed}
    assert good_report.passed, failed
    assert not any(c.skipped for c in good_report.checks)
    assert good_report.mutation_score is not None and good_report.mutation_score >= 0.9
    assert good_report.mutation.scored >= 5 and not good_report.survivors


def test_renderings(good_report):
    text = render_text([good_report])
    assert "sum_list: ok" in text and "mutation score 100.0%" in text and "1 of 1 challenge pass" in text
    data = json.loads(render_json([good_report]))
    assert data["passed"] is True and data["schema"] == 1
    (entry,) = data["challenges"]
    assert [c["name"] for c in entry["checks"]] == list(CHECKS)
    assert entry["mutation"]["score"] == 1.0 and entry["mutation"]["survivors"] == []


def _break(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text, (name, old)
    path.write_text(text.replace(old, new))


def _slim(folder: Path) -> Path:
    """Keep one wrong/ submission: enough for tests that are about another check, and faster."""
    for path in (folder / "wrong").glob("*.py"):
        if path.name != "returns_float.py":
            path.unlink()
    return folder


def _failed(report) -> dict[str, str]:
    return {c.name: c.details for c in report.failed}


def test_wrong_declared_verdict_fails_wrong_verdicts(tmp_path):
    folder = new_challenge(tmp_path, "sum_list", "coding")
    _break(folder, "wrong/off_by_one.py", "# expect: WA", "# expect: RE")
    report = check_folder(folder, LocalBackend(), **FAST)
    assert not report.passed
    failed = _failed(report)
    assert set(failed) == {"wrong_verdicts"}, failed
    assert "wrong/off_by_one.py: expected RE, got WA" in failed["wrong_verdicts"]
    assert report.get("mutation_score").skipped


def test_spec_must_name_the_interface_and_state_limits(tmp_path):
    folder = _slim(new_challenge(tmp_path, "sum_list", "coding"))
    spec = (folder / "spec.md").read_text()
    spec = re.sub(r"\bsolve\b", "the_function", spec).replace("10 s CPU", "some CPU").replace("256 MiB", "some")
    (folder / "spec.md").write_text(spec)
    report = check_folder(folder, LocalBackend(), **FAST)
    failed = _failed(report)
    assert set(failed) == {"spec_interface", "limits"}, failed
    assert "spec.md never names solve" in failed["spec_interface"]
    assert "does not state the CPU limit (10 s)" in failed["limits"]
    assert "does not state the memory limit (256 MiB)" in failed["limits"]


def test_limits_too_tight_for_the_reference(tmp_path):
    folder = _slim(new_challenge(tmp_path, "sum_list", "coding"))
    # the reference sleeps 1.5 s on import: accepted under a 4 s wall limit, but more than a third of it
    _break(folder, "reference.py", "def solve(", "import time\n\ntime.sleep(1.5)\n\n\ndef solve(")
    _break(folder, "challenge.yaml", "wall_seconds: 20", "wall_seconds: 4")
    report = check_folder(folder, LocalBackend(), **FAST)
    failed = _failed(report)
    assert set(failed) == {"limits"}, failed
    assert re.search(r"the reference used \d\.\d\d s wall of the 4 s limit, more than a third", failed["limits"])


def test_invalid_yaml_fails_yaml_and_skips_the_rest(tmp_path):
    folder = _slim(new_challenge(tmp_path, "sum_list", "coding"))
    _break(folder, "challenge.yaml", "category: coding", "category: cooking")
    report = check_folder(folder, LocalBackend(), **FAST)
    assert not report.passed
    assert report.get("yaml").details.endswith("field 'category' is 'cooking', expected dsa or coding or "
                                                 "system-design or genai")
    assert all(c.skipped for c in report.checks[1:])


def test_junit_xml_has_one_testcase_per_check_per_challenge(tmp_path):
    good = _slim(new_challenge(tmp_path / "a", "sum_list", "coding"))
    bad = _slim(new_challenge(tmp_path / "b", "sum_bad", "coding"))
    _break(bad, "wrong/returns_float.py", "# expect: WA", "# expect: AC")
    reports = [check_folder(good, LocalBackend(), **FAST), check_folder(bad, LocalBackend(), **FAST)]
    root = ET.fromstring(render_junit(reports))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"sum_list", "sum_bad"}
    for name, suite in suites.items():
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == list(CHECKS)
        assert all(c.get("classname") == f"judge.check.{name}" for c in cases)
        assert suite.get("tests") == str(len(CHECKS))
        assert cases[-1].find("skipped") is not None  # mutation switched off
    assert suites["sum_list"].get("failures") == "0"
    assert suites["sum_bad"].get("failures") == "1"
    (failure,) = suites["sum_bad"].iter("failure")
    assert "wrong/returns_float.py: expected AC, got WA" in failure.get("message")
    assert [c.get("name") for c in suites["sum_bad"].findall("testcase") if c.find("failure") is not None] == [
        "wrong_verdicts"]


def test_command_check_exit_codes_json_and_junit(tmp_path, capsys):
    _slim(new_challenge(tmp_path / "pack", "sum_list", "coding"))
    bad = _slim(new_challenge(tmp_path / "pack", "sum_bad", "coding"))
    (bad / "spec.md").write_text(re.sub(r"\bsolve\b", "compute", (bad / "spec.md").read_text()))
    parser = argparse.ArgumentParser()
    parser.add_argument("--challenges-dir", action="append", default=[], type=Path)
    add_check_arguments(parser)

    def run(*argv: str) -> tuple[int, str]:
        args = parser.parse_args([str(a) for a in argv])
        pm = make_plugin_manager(tuple(ChallengesDir(d) for d in args.challenges_dir))
        code = command_check(args, pm)
        return code, capsys.readouterr().out

    common = ("--challenges-dir", tmp_path / "pack", "--sandbox", "local", "--seeds", "1", "--no-mutation",
              "--max-examples", "20", "--jobs", "1", "-q")
    code, out = run(*common, "sum_list")
    assert code == 0 and "sum_list: ok" in out
    junit = tmp_path / "check.xml"
    code, out = run(*common, "--json", "--junit", junit)  # no ids: every challenge in --challenges-dir
    assert code == 1
    data = json.loads(out)
    assert {c["challenge"]: c["passed"] for c in data["challenges"]} == {"sum_bad": False, "sum_list": True}
    assert ET.parse(junit).getroot().find("testsuite[@name='sum_bad']/testcase[@name='spec_interface']/failure") \
        is not None


def _pytest_in(pack: Path, *args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",  # judge.pytest_plugin: pytest11 entry point
                           "-q", "-rfs", *args], cwd=pack, capture_output=True, text=True, timeout=300)


def test_pytest_plugin_collects_one_item_per_check(tmp_path):
    pack = tmp_path / "pack"
    _slim(new_challenge(pack, "sum_list", "coding"))
    bad = _slim(new_challenge(pack, "sum_bad", "coding"))
    _break(bad, "wrong/returns_float.py", "# expect: WA", "# expect: TLE")
    (pack / "test_plain.py").write_text("def test_plain():\n    assert True\n")

    off = _pytest_in(pack, "--collect-only")  # switched off by default: only the ordinary test
    assert "1 test collected" in off.stdout, off.stdout + off.stderr

    listed = _pytest_in(pack, "--collect-only", "--judge-challenges")
    ids = {line.strip() for line in listed.stdout.splitlines() if "::" in line}
    assert {f"sum_list/challenge.yaml::{name}" for name in CHECKS} <= ids, listed.stdout
    assert {f"sum_bad/challenge.yaml::{name}" for name in CHECKS} <= ids
    assert "test_plain.py::test_plain" in ids and len(ids) == 2 * len(CHECKS) + 1

    (pack / "pytest.ini").write_text("[pytest]\njudge_challenges = true\n")  # the ini switch does the same
    ran = _pytest_in(pack, "--judge-no-mutation", "--judge-seeds", "1", "--judge-max-examples", "20", "sum_bad")
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "1 failed, 5 passed, 1 skipped" in ran.stdout, ran.stdout
    assert "FAILED sum_bad/challenge.yaml::wrong_verdicts" in ran.stdout
    assert "wrong/returns_float.py: expected TLE, got WA" in ran.stdout


def test_each_check_of_wrong_is_its_own_function(tmp_path):
    """wrong_verdicts reads the first seed, no_flakiness compares the seeds: each judged on its own."""
    from judge.check import _no_flakiness, _wrong_verdicts

    challenge = load_challenge(new_challenge(tmp_path, "sum_list", "coding"))
    verdicts = {w.path: [{"verdict": str(w.expected), "message": "", "seed": seed} for seed in (1, 2)]
                for w in challenge.wrong}
    wrong = challenge.wrong[0]
    verdicts[wrong.path][1]["verdict"] = "TLE"
    assert _wrong_verdicts(challenge, verdicts, 0.0).passed
    flaky = _no_flakiness(challenge, verdicts, (1, 2))
    assert not flaky.passed
    assert flaky.details == f"verdicts differ between seeds: wrong/{wrong.path.name}: seed 1 {wrong.expected}, seed 2 TLE"


def test_the_job_pool_is_its_own_module():
    """check and mutation share judge.pool; nothing in it is about mutation."""
    import judge.check
    import judge.mutation
    import judge.pool

    assert judge.check.make_pool is judge.pool.make_pool is judge.mutation.make_pool
    assert judge.check.judge_source is judge.pool.judge_source
    assert "mutation" not in Path(judge.pool.__file__).read_text(encoding="utf-8").split('"""', 2)[2]


def test_the_report_and_its_renderings_are_their_own_module(good_report):
    """judge.check runs checks; judge.check_report holds the results and renders them, without judging."""
    import judge.check
    import judge.check_report

    assert judge.check.render_text is judge.check_report.render_text
    assert judge.check.CheckReport is judge.check_report.CheckReport
    tree = ast.parse(Path(judge.check_report.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported == {"__future__", "dataclasses", "judge.mutation"}  # the report's types, nothing that judges
    lines = judge.check_report.render_text([good_report]).splitlines()
    assert lines[1].startswith("  pass  yaml                ")  # names padded to the longest check's
