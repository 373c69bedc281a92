"""`judge bench` (speedup over the baseline, wrong answers are WA) and `--device cuda` without a GPU."""
from __future__ import annotations

import json

import pytest

from conftest import CHALLENGES, SUBMISSIONS

torch = pytest.importorskip("torch")


def test_bench_prints_a_speedup_table_for_a_correct_submission(judge_cli):
    code, out, err = judge_cli("bench", "challenge", "self_attention", SUBMISSIONS / "sdpa_ok.py",
                               "--sandbox", "local", "--repeats", "1", "--seed", "3", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["verdict"] == "AC" and len(report["shapes"]) == 3
    assert all(row["submission_ms"] > 0 and row["baseline_ms"] > 0 for row in report["shapes"])
    assert report["geomean_speedup"] > 0


def test_a_wrong_answer_in_bench_mode_is_wa_not_a_speedup(judge_cli):
    wrong = CHALLENGES / "self_attention" / "wrong" / "no_scaling.py"
    code, out, _ = judge_cli("bench", "challenge", "self_attention", wrong, "--sandbox", "local", "--repeats", "1")
    assert code == 1
    assert "bench WA" in out and "speedup" not in out


def test_bench_on_a_challenge_without_benchmark_is_a_clear_internal_error(judge_cli):
    code, out, _ = judge_cli("bench", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", "--sandbox", "local")
    assert code == 2 and "declares no benchmark" in out


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_device_cuda_without_a_gpu_is_one_clear_line(judge_cli):
    code, out, err = judge_cli("run", "challenge", "self_attention", SUBMISSIONS / "sdpa_ok.py",
                               "--sandbox", "local", "--device", "cuda")
    assert code == 2 and out == ""
    assert err.strip() == "judge: error: --device cuda: no CUDA GPU is visible to this machine"


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_self_attention_reference_on_the_gpu(judge_json):
    code, result = judge_json("self_attention", CHALLENGES / "self_attention" / "reference.py", "--device", "cuda",
                              "--seed", "1")
    assert (code, result["verdict"]) == (0, "AC")
