"""Scaling workloads: a support.py generator drives an object on both sides, one digest crosses the wire."""
from __future__ import annotations

import random

from judge.sandbox import protocol
from tests.conftest import CHALLENGES, SUBMISSIONS, write_challenge


class Cache:
    def __init__(self, wrong_at: int | None = None) -> None:
        self.data, self.calls, self.wrong_at = {}, 0, wrong_at

    def put(self, key, value):
        self.data[key] = value

    def get(self, key):
        self.calls += 1
        if self.calls == self.wrong_at:
            return True  # equal to 1 but not the same type
        if key < 0:
            raise KeyError(key)
        return self.data.get(key, -1)


def operations(n: int, seed: int):
    rng = random.Random(seed)
    for step in range(n):
        yield ("put", (step % 50, 1)) if step % 3 else ("get", (rng.randrange(-5, 60),))


def test_equal_outcomes_give_equal_digests_and_a_window_shows_the_operations():
    a = protocol.run_workload(Cache(), operations(10_000, 1))
    b = protocol.run_workload(Cache(), operations(10_000, 1), window=[0, 5])
    assert a["operations"] == b["operations"] == 10_000
    assert a["chunks"] == b["chunks"] and len(a["chunks"]) == 3  # 4096 per chunk
    assert len(b["window"]) == 5 and b["window"][0][0] == "get"
    raised = [outcome for _, _, outcome in protocol.run_workload(Cache(), operations(300, 1), window=[0, 300])["window"]
              if type(outcome) is dict]
    assert raised and raised[0] == {"$raise": "builtins.KeyError", "bases": ["builtins.LookupError", "builtins.Exception",
                                                                  "builtins.BaseException"]}


def test_a_value_that_only_compares_equal_changes_the_digest_of_its_chunk_only():
    good = protocol.run_workload(Cache(), operations(10_000, 1))
    bad = protocol.run_workload(Cache(wrong_at=2_000), operations(10_000, 1))  # call 2,000 falls in chunk 2
    assert good["chunks"][0] == bad["chunks"][0]
    assert good["chunks"][1] != bad["chunks"][1]
    assert good["chunks"][2] == bad["chunks"][2]


def test_a_wrong_answer_deep_in_the_workload_is_named_by_its_operation(judge_json):
    code, result = judge_json("lru_cache", SUBMISSIONS / "lru_wrong_after_15000_hits.py")
    assert code == 1 and result["verdict"] == "WA"
    assert result["property"] == "constant_time_operations"
    assert result["message"].startswith("operation ") and ": c.get(" in result["message"]
    assert int(result["actual"]) == int(result["expected"]) + 1
    assert "for method, args in steady_state(20000, 60000, " in result["counterexample"]


def test_an_eviction_that_scans_is_too_slow_once_the_cache_is_full(judge_json):
    code, result = judge_json("lru_cache", CHALLENGES / "lru_cache" / "wrong" / "eviction_scans_a_log.py")
    assert code == 1 and result["verdict"] == "TLE", result["message"]
    assert "constant_time_operations" in result["message"]


def test_a_workload_whose_only_difference_is_an_exception_subclass_passes(tmp_path):
    import textwrap

    from judge.challenge import load_challenge
    from judge.runner import judge_submission
    from judge.sandbox.local import LocalBackend

    source = textwrap.dedent('''
        class Cache:
            def __init__(self):
                self.data = {}
            def put(self, key, value):
                self.data[key] = value
            def get(self, key):
                if key < 0:
                    raise KeyError(key)
                return self.data.get(key, -1)
    ''')
    folder = tmp_path / "keyed"
    challenge = write_challenge(folder, interface=["Cache"], reference=source, title="a keyed cache",
                                limits="{cpu_seconds: 10, wall_seconds: 20, memory_mib: 256, output_kib: 64}",
                                spec="Cache: get raises KeyError for a negative key. Limits: 10 s CPU, 256 MiB.\n",
                                support='''
        import random
        def operations(n, seed):
            rng = random.Random(seed)
            for step in range(n):
                yield ("put", (step % 50, 1)) if step % 3 else ("get", (rng.randrange(-5, 60),))
    ''', properties='''
        from judge.harness import scaling
        @scaling(ratio=50)
        def many(p, rng):
            p.workload(p.new("Cache"), "operations", 20_000, 7)
    ''')
    subclass = tmp_path / "subclass.py"
    subclass.write_text(source.replace("raise KeyError(key)", "raise Missing(key)") + "\nclass Missing(KeyError):\n    pass\n")
    other = tmp_path / "other.py"
    other.write_text(source.replace("raise KeyError(key)", "raise IndexError(key)"))
    assert judge_submission(challenge, subclass, LocalBackend(), seed=1).verdict.value == "AC"
    result = judge_submission(challenge, other, LocalBackend(), seed=1)
    assert result.verdict.value == "WA" and "expected KeyError, got IndexError" in result.message
    (folder / "challenge.yaml").write_text((folder / "challenge.yaml").read_text() + "exceptions: exact\n")
    result = judge_submission(load_challenge(folder), subclass, LocalBackend(), seed=1)
    assert result.verdict.value == "WA" and "Missing" in result.message
