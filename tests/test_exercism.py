"""`judge exercism SLUG INPUT_DIR OUTPUT_DIR` writes results.json in Exercism's version 3 shape
(https://exercism.org/docs/building/tooling/test-runners/interface) and exits 0 whatever the verdict."""
from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, SUBMISSIONS

TEST_KEYS = {"name", "status", "message", "test_code"}


def _check_shape(document: dict) -> None:
    """The documented shape: what the interface requires, nothing it does not define."""
    assert document["version"] == 3 and document["status"] in {"pass", "fail", "error"}
    assert set(document) <= {"version", "status", "message", "tests"}
    if document["status"] == "error":
        assert isinstance(document["message"], str) and document["message"]
        return
    assert document.get("message") is None
    assert document["tests"], "pass and fail need tests"
    for test in document["tests"]:
        assert set(test) <= TEST_KEYS and {"name", "status", "test_code"} <= set(test)
        assert test["status"] in {"pass", "fail", "error"}
        if test["status"] != "pass":
            assert test["message"]
    statuses = {t["status"] for t in document["tests"]}
    assert (document["status"] == "pass") == (statuses == {"pass"})


@pytest.fixture
def exercism(judge_cli, tmp_path):
    def run(slug: str, solution, name: str = "lru_cache.py") -> tuple[int, dict]:
        input_dir, output_dir = tmp_path / "in", tmp_path / "out"
        shutil.rmtree(input_dir, ignore_errors=True)
        input_dir.mkdir()
        if solution is not None:
            (input_dir / name).write_bytes(solution.read_bytes())
        code, out, err = judge_cli("exercism", slug, f"{input_dir}/", f"{output_dir}/", "--sandbox", "local")
        document = json.loads((output_dir / "results.json").read_text())
        _check_shape(document)
        return code, document

    return run


def test_a_correct_solution_passes_every_property(exercism):
    code, document = exercism("lru-cache", SUBMISSIONS / "lru_ok.py")
    assert code == 0 and document["status"] == "pass"
    assert [t["name"] for t in document["tests"]][0] == "matches_reference"
    assert all(t["status"] == "pass" for t in document["tests"])


def test_a_wrong_solution_fails_with_the_counterexample_as_the_message(exercism):
    code, document = exercism("lru_cache", ROOT / "challenges" / "lru_cache" / "wrong" / "evicts_most_recent.py")
    assert code == 0 and document["status"] == "fail"
    failing = [t for t in document["tests"] if t["status"] == "fail"]
    assert len(failing) == 1 and failing[0] is document["tests"][-1]
    assert failing[0]["message"].startswith("WA: ") and "expected" in failing[0]["message"]
    assert "LRUCache(" in failing[0]["test_code"]  # the shrunk calls, as code to paste


def test_a_syntax_error_is_status_error_with_python_s_message(exercism, tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("class LRUCache:\n    def get(self, key:\n")
    code, document = exercism("lru_cache", broken)
    assert code == 0 and document["status"] == "error"
    assert "line 2" in document["message"] and "SyntaxError" in document["message"]


def test_the_solution_file_comes_from_meta_config(judge_cli, tmp_path):
    input_dir = tmp_path / "in"
    (input_dir / ".meta").mkdir(parents=True)
    (input_dir / "cache.py").write_bytes((SUBMISSIONS / "lru_ok.py").read_bytes())
    (input_dir / "cache_test.py").write_text("raise SystemExit('not the solution')\n")
    (input_dir / ".meta" / "config.json").write_text(json.dumps({"files": {"solution": ["cache.py"]}}))
    code, _, _ = judge_cli("exercism", "lru-cache", input_dir, tmp_path / "out", "--sandbox", "local")
    assert code == 0 and json.loads((tmp_path / "out" / "results.json").read_text())["status"] == "pass"


def test_an_unknown_slug_or_a_missing_solution_is_reported_in_results_json(exercism):
    code, document = exercism("no-such-exercise", SUBMISSIONS / "lru_ok.py")
    assert code == 0 and "unknown challenge" in document["message"]
    code, document = exercism("lru_cache", None)
    assert code == 0 and "no solution file" in document["message"]


def test_an_unwritable_output_dir_is_exit_2(judge_cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lru_cache.py").write_bytes((SUBMISSIONS / "lru_ok.py").read_bytes())
    (tmp_path / "file").write_text("")
    code, _, err = judge_cli("exercism", "lru_cache", tmp_path / "in", tmp_path / "file" / "out", "--sandbox", "local")
    assert code == 2 and err.startswith("judge: error: cannot write")
