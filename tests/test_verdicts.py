"""End-to-end verdicts through the local sandbox: correct, wrong, forged, crashing and resource-hungry code."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import SUBMISSIONS


@pytest.fixture
def tight_lru(challenge_copy):
    """lru_cache with small limits, so resource tests end in seconds. Returns its --challenges-dir."""
    folder = challenge_copy("lru_cache")
    data = yaml.safe_load((folder / "challenge.yaml").read_text())
    data["limits"] = {"cpu_seconds": 2, "wall_seconds": 4, "memory_mib": 128, "output_kib": 16}
    (folder / "challenge.yaml").write_text(yaml.safe_dump(data))
    return folder.parent


def test_correct_solution_is_accepted(judge_json):
    code, result = judge_json("lru_cache", SUBMISSIONS / "lru_ok.py", "--seed", "7")
    assert code == 0
    assert result["verdict"] == "AC"
    assert result["seed"] == 7
    assert result["examples"] > 100
    assert result["sandbox"] == "local"
    assert [p["verdict"] for p in result["properties"]] == ["AC"] * len(result["properties"])


def test_counterexample_is_minimal_and_pasteable(judge_json):
    code, result = judge_json("lru_cache", SUBMISSIONS.parent.parent / "challenges/lru_cache/wrong/evicts_most_recent.py",
                              "--seed", "1")
    assert code == 1 and result["verdict"] == "WA"
    example = result["counterexample"]
    assert example.startswith("c = LRUCache(")
    assert re.search(r"# expected -?\d+, got -?\d+$", example)
    statements = example.split("  #")[0].split("; ")
    assert len(statements) <= 6  # shrunk: construct, fill, overflow, probe
    compile(example.replace("; ", "\n"), "<counterexample>", "exec")


def test_same_seed_replays_the_same_result(judge_json):
    wrong = SUBMISSIONS.parent.parent / "challenges/lru_cache/wrong/get_does_not_refresh.py"
    _, first = judge_json("lru_cache", wrong, "--seed", "42")
    _, second = judge_json("lru_cache", wrong, "--seed", "42")
    assert first["counterexample"] == second["counterexample"]
    assert first["examples"] == second["examples"]


@pytest.mark.parametrize("submission, verdict, words", [
    ("always_equal.py", "WA", "expected int"),
    ("int_subclass.py", "WA", "expected int"),
    ("exit_at_import.py", "RE", "SystemExit"),
    ("os_exit_in_call.py", "RE", "exited"),
    ("fake_frames.py", "RE", "out of turn"),
    ("syntax_error.py", "CE", "syntax error at line 2"),
    ("missing_name.py", "CE", "does not define LRUCache"),
    ("import_error.py", "CE", "ModuleNotFoundError"),
    ("raises_keyboard_interrupt.py", "RE", "KeyboardInterrupt"),
])
def test_forged_or_broken_submissions_never_pass(judge_json, submission, verdict, words):
    code, result = judge_json("lru_cache", SUBMISSIONS / submission, "--seed", "3")
    assert (code, result["verdict"]) == (1, verdict), result
    assert words in result["message"]


@pytest.mark.parametrize("submission, verdict, words", [
    ("busy_loop.py", "TLE", "time limit"),  # CPU, or wall on a loaded machine
    ("sleeper.py", "TLE", "wall time limit"),
    ("memory_bomb.py", "MLE", "MemoryError"),
    ("output_flood.py", "OLE", "16 KiB"),
])
def test_resource_limits(judge_json, tight_lru, submission, verdict, words):
    code, result = judge_json("lru_cache", SUBMISSIONS / submission, "--challenges-dir", tight_lru)
    assert (code, result["verdict"]) == (1, verdict), result
    assert words in result["message"]
    assert result["wall_seconds"] < 6


def test_text_output_shows_verdict_counterexample_and_seed(judge_cli):
    wrong = SUBMISSIONS.parent.parent / "challenges/lru_cache/wrong/capacity_off_by_one.py"
    code, out, err = judge_cli("run", "challenge", "lru_cache", wrong, "--sandbox", "local", "--seed", "5")
    assert code == 1
    assert out.startswith("lru_cache: WA (wrong answer)")
    assert "counterexample c = LRUCache(" in out
    assert "seed           5  (replay: --seed 5)" in out


@pytest.mark.parametrize("body, words", [
    ("@prop(st.integers(5, 1))\ndef broken_strategy(p, n):\n    p.new('LRUCache', n)\n",
     "broken_strategy failed inside the judge: InvalidArgument"),
    ("@prop(st.integers(1, 3))\ndef broken_body(p, n):\n    p.new('LRUCache', n).get(1 / 0)\n",
     "broken_body failed inside the judge: ZeroDivisionError"),
])
def test_a_broken_property_is_an_internal_error_not_a_pass(judge_json, challenge_copy, body, words):
    folder = challenge_copy("lru_cache")
    (folder / "properties.py").write_text("from hypothesis import strategies as st\nfrom judge.harness import prop\n\n" + body)
    code, result = judge_json("lru_cache", SUBMISSIONS / "lru_ok.py", "--challenges-dir", folder.parent)
    assert (code, result["verdict"]) == (2, "IE")
    assert words in result["message"]


def test_forbidden_dict_covers_literals_and_comprehensions(judge_json, challenge_copy, tmp_path):
    folder = challenge_copy("lru_cache")
    yaml_path = folder / "challenge.yaml"
    yaml_path.write_text(yaml_path.read_text() + "constraints: {forbidden_names: [dict, set]}\n")
    for source, line in (("class LRUCache:\n    def __init__(self, c):\n        self.d = {}\n", 3),
                         ("x = 1\nSEEN = {k for k in range(3)}\nclass LRUCache: pass\n", 2)):
        sub = tmp_path / "sub.py"
        sub.write_text(source)
        code, result = judge_json("lru_cache", sub, "--challenges-dir", folder.parent)
        assert (code, result["verdict"]) == (1, "CE")
        assert result["message"].startswith(f"line {line}: a ")
