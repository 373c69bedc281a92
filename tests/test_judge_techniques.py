"""Rules that existed only because of how the judge measures are gone (issue 11 item 4)."""
from __future__ import annotations

from tests.conftest import SUBMISSIONS


def test_perf_counter_imported_by_name_is_measured_like_time_perf_counter(judge_json):
    """The worker calls support.prepare_sandbox() before importing the submission: the fake clock is
    in place before `from time import perf_counter` binds it."""
    code, result = judge_json("timer_decorator", SUBMISSIONS / "timer_from_time_import.py")
    assert code == 0 and result["verdict"] == "AC", result["message"]
