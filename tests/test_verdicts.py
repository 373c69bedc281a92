"""End-to-end verdicts through the local sandbox: correct, wrong, forged, crashing and resource-hungry code."""
from __future__ import annotations

import re

import pytest

from conftest import SUBMISSIONS


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


def test_without_a_seed_two_runs_give_the_same_result(judge_json):
    """Deterministic by default: a candidate re-running the same command sees the same verdict and
    counterexample, and the printed seed replays it."""
    wrong = SUBMISSIONS.parent.parent / "challenges/lru_cache/wrong/update_does_not_refresh.py"
    _, first = judge_json("lru_cache", wrong)
    _, second = judge_json("lru_cache", wrong)
    assert first["verdict"] == second["verdict"] == "WA"
    assert (first["seed"], first["counterexample"], first["examples"]) == \
        (second["seed"], second["counterexample"], second["examples"])
    _, replay = judge_json("lru_cache", wrong, "--seed", str(first["seed"]))
    assert replay["counterexample"] == first["counterexample"]


# Forged, broken and resource-hungry submissions: tests/hostile/ runs each on both sandboxes.


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
