"""`judge eval`: pass@k, an end-to-end evaluation, resumption, malformed lines."""
from __future__ import annotations

import json
import math

import pytest

from conftest import CHALLENGES, ROOT
from judge.evaluate import pass_at_k
from test_batch import FAULT_SUBMISSIONS, faults_pack  # noqa: F401 - the fixture, shared

OK, WRONG = FAULT_SUBMISSIONS["ok.py"][1], FAULT_SUBMISSIONS["wrong.py"][1]


@pytest.mark.parametrize("n, c, k, expected", [
    (5, 2, 1, 0.4),  # 1 - C(3,1)/C(5,1) = 1 - 3/5
    (5, 2, 2, 0.7),  # 1 - C(3,2)/C(5,2) = 1 - 3/10
    (3, 0, 1, 0.0),
    (3, 0, 3, 0.0),
    (4, 4, 2, 1.0),
    (5, 3, 3, 1.0),  # fewer wrong samples than k: every draw holds a correct one
    (1, 1, 1, 1.0),
])
def test_pass_at_k_by_hand(n, c, k, expected):
    assert pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


def test_pass_at_k_is_stable_for_large_n_and_refuses_k_over_n():
    n, c, k = 1000, 17, 100
    exact = 1 - math.comb(n - c, k) / math.comb(n, k)
    assert pass_at_k(n, c, k) == pytest.approx(exact, rel=1e-12)
    with pytest.raises(ValueError):
        pass_at_k(3, 1, 4)


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_eval_end_to_end_resumes_and_reports_malformed_lines(judge_cli, faults_pack, tmp_path):
    pack, folder = faults_pack
    lru_wrong = (CHALLENGES / "lru_cache" / "wrong" / "capacity_off_by_one.py").read_text()
    lines = [
        {"challenge": "batch_faults", "sample_id": "f-ok", "file": "subs/ok.py"},
        {"challenge": "batch_faults", "sample_id": "f-wrong", "completion": WRONG},
        {"challenge": "batch_faults", "sample_id": "f-ok2", "completion": OK},
        {"challenge": "lru_cache", "sample_id": 1, "file": str(ROOT / "examples" / "lru_cache_solution.py")},
        {"challenge": "lru_cache", "sample_id": 2, "completion": lru_wrong},
        '{"challenge": "lru_cache", "sample_id": 3, "completion": "x',  # 6: cut short
        {"challenge": "lru_cache", "completion": OK},  # 7: no sample_id
        {"challenge": "lru_cahce", "sample_id": 4, "completion": OK},  # 8: unknown challenge
        {"challenge": "lru_cache", "sample_id": 5, "completion": OK, "file": "subs/ok.py"},  # 9: both
        {"challenge": "lru_cache", "sample_id": 6},  # 10: neither
        "",
        {"challenge": "lru_cache", "sample_id": 2, "completion": OK},  # 12: a repeated id
        {"challenge": "lru_cache", "sample_id": 7, "file": "subs/missing.py"},  # 13: no such file
    ]
    samples = tmp_path / "samples.jsonl"
    samples.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    command = ("eval", samples, "--sandbox", "local", "--jobs", "2", "--max-examples", "20", "--k", "1,2,3",
               "--challenges-dir", pack)

    code, out, err = judge_cli(*command, "--json")
    assert code == 0, err
    reported = {int(line.split(":")[2]): line for line in err.splitlines()}
    assert sorted(reported) == [6, 7, 8, 9, 10, 12, 13]
    assert "not valid JSON" in reported[6] and "'sample_id' is missing" in reported[7]
    assert "unknown challenge 'lru_cahce'" in reported[8] and "got both" in reported[9]
    assert "exactly one of 'completion' and 'file'" in reported[10] and "repeats line 5" in reported[12]
    assert "no such file" in reported[13] and all(line.endswith("; skipped") for line in reported.values())

    output = tmp_path / "samples.results.jsonl"
    results = {(doc["challenge"], doc["sample_id"]): doc for doc in _lines(output)}
    assert {key: doc["verdict"] for key, doc in results.items()} == {
        ("batch_faults", "f-ok"): "AC", ("batch_faults", "f-wrong"): "WA", ("batch_faults", "f-ok2"): "AC",
        ("lru_cache", 1): "AC", ("lru_cache", 2): "WA"}
    summary = json.loads(out)
    rows = {row["challenge"]: row for row in summary["challenges"]}
    assert rows["batch_faults"] == {"challenge": "batch_faults", "n": 3, "c": 2, "pass@1": pytest.approx(2 / 3),
                                    "pass@2": 1.0, "pass@3": 1.0}
    assert rows["lru_cache"] == {"challenge": "lru_cache", "n": 2, "c": 1, "pass@1": 0.5, "pass@2": 1.0,
                                 "pass@3": None}
    assert summary["overall"] == {"pass@1": pytest.approx(7 / 12), "pass@2": 1.0, "pass@3": 1.0}
    assert summary["overall_challenges"] == {"pass@1": 2, "pass@2": 2, "pass@3": 1}
    assert summary["judged_now"] == 5

    # Resumed: nothing is judged again, not even a sample whose file would now fail.
    (folder / "ok.py").write_text(WRONG)
    code, out, err = judge_cli(*command)
    assert code == 0
    assert out.startswith("5 samples (0 judged now, 5 from ")
    assert "n/a" in out and "pass@3: k > n for 1 challenge(s)" in out
    assert {_key(doc): doc["verdict"] for doc in _lines(output)} == {key: doc["verdict"] for key, doc in results.items()}
    assert len(_lines(output)) == 5  # f-ok is still AC: its (now wrong) file was not judged again

    # Killed while writing the last line: that line is dropped and its sample judged again.
    text = output.read_text()
    last = text.splitlines()[-1]
    output.write_text(text[: len(text) - len(last) // 2 - 1])
    code, out, err = judge_cli(*command, "--json")
    assert code == 0 and json.loads(out)["judged_now"] == 1
    again = _lines(output)  # every line whole again
    assert len(again) == 5 and {_key(doc) for doc in again} == set(results)


def _key(doc):
    return doc["challenge"], doc["sample_id"]


def test_eval_usage_errors_are_one_line(judge_cli, tmp_path):
    code, out, err = judge_cli("eval", tmp_path / "nothing.jsonl")
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    samples = tmp_path / "s.jsonl"
    samples.write_text('{"challenge": "lru_cache", "sample_id": 1, "completion": ""}\n')
    code, out, err = judge_cli("eval", samples, "--k", "0,x")
    assert code == 2 and err.count("\n") == 1 and "--k" in err
