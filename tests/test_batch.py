"""Many judgments at once: `judge run challenge ID A.py B.py ...` / `ID DIR`, and `judge.batch`."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CHALLENGES, ROOT
from judge.batch import Item, Options, judge_many

LRU_WRONG = CHALLENGES / "lru_cache" / "wrong"
HOSTILE = ROOT / "tests" / "hostile" / "submissions"
# What a result says about the submission, as opposed to how long it took; a TLE's message quotes
# the time allowed, which is measured in the same run.
VERDICT_FIELDS = ("verdict", "property", "counterexample", "expected", "actual", "traceback", "examples",
                  "seed", "properties")


def _verdict(doc: dict) -> dict:
    kept = {field: doc[field] for field in VERDICT_FIELDS}
    if doc["verdict"] != "TLE":
        kept["message"] = doc["message"]
    return kept


def test_a_batch_gives_the_verdicts_of_serial_runs(judge_cli):
    files = [ROOT / "examples" / "lru_cache_solution.py", LRU_WRONG / "capacity_off_by_one.py",
             LRU_WRONG / "returns_bool_on_hit.py", HOSTILE / "syntax_error.py"]
    common = ("--sandbox", "local", "--max-examples", "20", "--json")
    serial = {}
    for path in files:
        code, out, err = judge_cli("run", "challenge", "lru_cache", path, *common)
        serial[str(path)] = json.loads(out)
    assert [serial[str(f)]["verdict"] for f in files] == ["AC", "WA", "WA", "CE"]

    code, out, err = judge_cli("run", "challenge", "lru_cache", *files, *common, "--jobs", "2")
    assert code == 1, err
    lines = out.splitlines()
    assert len(lines) == len(files)
    batch = {doc["submission"]: doc for doc in map(json.loads, lines)}  # JSON Lines: one document a line
    assert set(batch) == set(serial)
    for name, doc in batch.items():
        assert _verdict(doc) == _verdict(serial[name]), name


@pytest.mark.parametrize("args, words", [
    (("run", "challenge", "palindrome", "{tmp}/a.py", "{tmp}/missing.py"), "missing.py: no such file"),
    (("run", "challenge", "palindrome", "{tmp}/empty"), "empty is a directory with no .py file in it"),
    (("run", "challenge", "palindrom", "{tmp}/a.py", "{tmp}/a.py"), "unknown challenge 'palindrom'"),
    (("run", "challenge", "palindrome", "{tmp}/a.py", "{tmp}/a.py", "--jobs", "0"), "--jobs must be at least 1"),
])
def test_batch_usage_errors_are_one_line(judge_cli, tmp_path, args, words):
    (tmp_path / "a.py").write_text("")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.md").write_text("")
    code, out, err = judge_cli(*(arg.format(tmp=tmp_path) for arg in args))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


FAULTS_YAML = """\
id: batch_faults
title: Faults in a batch
category: coding
source_question: "test only"
runtime: python
limits: {cpu_seconds: 2, wall_seconds: 3, memory_mib: 256, output_kib: 64}
interface: [answer]
"""
# The comparator runs in the judge's own process: a test-only way to make a judging process die
# (or get stuck) on one submission and not on the others.
FAULTS_PROPERTIES = """\
import os, signal, time
from hypothesis import strategies as st
from judge.compare import exact
from judge.harness import prop


def fragile(expected, actual):
    if actual == "kill the judge":
        os.kill(os.getpid(), signal.SIGKILL)
    if actual == "stall the judge":
        time.sleep(600)
    return exact(expected, actual)


@prop(st.just(0), max_examples=1)
def answers(p, _):
    p.call("answer").compare(fragile)
"""
FAULT_SUBMISSIONS = {
    "ok.py": ("AC", "def answer():\n    return 'ok'\n"),
    "wrong.py": ("WA", "def answer():\n    return 'no'\n"),
    "crash.py": ("RE", "def answer():\n    raise ValueError('boom')\n"),
    "hang.py": ("TLE", "import time\n\ndef answer():\n    time.sleep(600)\n"),
    "kills_judge.py": ("IE", "def answer():\n    return 'kill the judge'\n"),
    "ok_again.py": ("AC", "def answer():\n    return 'ok'\n"),
}


@pytest.fixture
def faults_pack(tmp_path):
    pack = tmp_path / "pack" / "batch_faults"
    pack.mkdir(parents=True)
    (pack / "challenge.yaml").write_text(FAULTS_YAML)
    (pack / "spec.md").write_text("Define answer() returning 'ok'.\n")
    (pack / "reference.py").write_text("def answer():\n    return 'ok'\n")
    (pack / "properties.py").write_text(FAULTS_PROPERTIES)
    folder = tmp_path / "subs"
    folder.mkdir()
    for name, (_, source) in FAULT_SUBMISSIONS.items():
        (folder / name).write_text(source)
    return pack.parent, folder


def test_a_folder_is_every_py_file_in_it_and_others_are_named(judge_cli, faults_pack, tmp_path):
    pack, _ = faults_pack
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("b_ok.py", "a_ok.py"):
        (folder / name).write_text(FAULT_SUBMISSIONS["ok.py"][1])
    (folder / "notes.txt").write_text("not a submission")
    code, out, err = judge_cli("run", "challenge", "batch_faults", folder, "--challenges-dir", pack,
                               "--sandbox", "local", "--jobs", "2")
    assert code == 0, err
    assert err == f"judge: skipped {folder / 'notes.txt'} (not a .py file)\n"
    header, *rows, summary = out.splitlines()
    assert header.split() == ["FILE", "VERDICT", "TIME", "WHY"]
    assert sorted(row.split()[0] for row in rows) == [str(folder / "a_ok.py"), str(folder / "b_ok.py")]
    assert all(row.split()[1] == "AC" for row in rows)
    assert summary == "2 submissions: 2 AC"


def test_a_crash_a_hang_or_a_dead_judging_process_is_that_submissions_verdict(judge_cli, faults_pack):
    pack, folder = faults_pack
    code, out, err = judge_cli("run", "challenge", "batch_faults", folder, "--challenges-dir", pack,
                               "--sandbox", "local", "--jobs", "2", "--json")
    verdicts = {Path(doc["submission"]).name: doc for doc in map(json.loads, out.splitlines())}
    assert {name: doc["verdict"] for name, doc in verdicts.items()} == {
        name: verdict for name, (verdict, _) in FAULT_SUBMISSIONS.items()}
    assert "ValueError" in verdicts["crash.py"]["message"]
    assert "wall time limit of 3 s exceeded" in verdicts["hang.py"]["message"]
    assert verdicts["kills_judge.py"]["message"] == (
        "the judging process died while judging this submission (killed by SIGKILL)")
    assert code == 2 and "1 of 6 judgments failed inside the judge (IE)" in err


def test_a_stuck_judgment_is_stopped_at_its_deadline(faults_pack):
    pack, folder = faults_pack
    (folder / "stall.py").write_text("def answer():\n    return 'stall the judge'\n")
    options = Options(sandbox="local", challenges_dirs=(str(pack),), item_timeout=8)
    items = [Item("batch_faults", folder / name) for name in ("stall.py", "ok.py", "ok_again.py")]
    started = time.monotonic()
    results = {judged.index: judged.result for judged in judge_many(items, options, jobs=2)}
    assert time.monotonic() - started < 30
    assert [results[i].verdict.value for i in range(3)] == ["IE", "AC", "AC"]
    assert results[0].message.startswith("the judgment took longer than 8 s and was stopped")


def _sandbox_containers(pids: set[int]) -> list[dict]:
    import docker

    from judge.sandbox.docker_backend import sandbox_containers

    client = docker.from_env()
    try:
        return [c for c in sandbox_containers(client) if int(c["Labels"].get("judge.pid", 0)) in pids]
    finally:
        client.close()


def _children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(word) for word in out.split()}


@pytest.mark.docker
def test_ctrl_c_during_a_docker_batch_leaves_no_container_and_keeps_the_results(tmp_path):
    from judge.sandbox.docker_backend import DockerBackend

    if not DockerBackend().available():
        pytest.skip("no Docker daemon")
    # two quick verdicts first (CE before any sandbox starts), then submissions that sleep in theirs
    files = [HOSTILE / "syntax_error.py", HOSTILE / "not_utf8.py"] + [HOSTILE / "sleep_forever.py"] * 3
    proc = subprocess.Popen([sys.executable, "-m", "judge.cli", "run", "challenge", "lru_cache", *map(str, files),
                             "--jobs", "2", "--sandbox", "docker", "--json"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        children: set[int] = set()
        while time.monotonic() < deadline:
            children |= _children(proc.pid)
            sleeping = [c for c in _sandbox_containers(children) if c["State"] == "running"]
            if len(sleeping) == 2:
                break
            time.sleep(0.2)
        assert len(sleeping) == 2, "the batch never had two sandbox containers running"
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "judge: interrupted" and "Traceback" not in err
    printed = [json.loads(line) for line in out.splitlines()]  # every line written is a whole document
    assert sorted(doc["verdict"] for doc in printed) == ["CE", "CE"]
    assert all("sleep_forever" not in doc["submission"] for doc in printed)
    # the judge has exited: its children are gone, and so is every container they made
    stopped = time.monotonic()
    while (_sandbox_containers(children) or any(Path(f"/proc/{pid}").exists() for pid in children)) \
            and time.monotonic() - stopped < 5:
        time.sleep(0.1)
    assert _sandbox_containers(children) == []
    assert not any(Path(f"/proc/{pid}").exists() for pid in children)


def test_a_result_crosses_between_judge_processes_as_its_json_document():
    from judge.result import Result, Verdict

    result = Result(verdict=Verdict.WA, challenge="lru_cache", message="expected -1, got 0", seed=3, examples=7,
                    cpu_seconds=0.1234, properties=[{"name": "matches_reference", "examples": 7, "verdict": "WA"}])
    again = Result.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again.verdict is Verdict.WA and again.to_dict() == result.to_dict()
