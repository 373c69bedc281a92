"""Raised exceptions: a subclass of the reference's type passes ("raises ValueError" is met by a
subclass), unless the challenge says `exceptions: exact`."""
from __future__ import annotations

from judge.runner import raises_as_expected
from judge.sandbox.protocol import Raised, describe_exception
from tests.conftest import SUBMISSIONS


def _raised(exc: BaseException) -> Raised:
    return Raised.from_record(describe_exception(exc))


def test_the_worker_reports_an_exceptions_ancestors():
    import graphlib

    info = describe_exception(graphlib.CycleError("cycle"))
    assert info["type"] == "graphlib.CycleError"
    assert info["bases"][:3] == ["builtins.ValueError", "builtins.Exception", "builtins.BaseException"]


def test_a_subclass_passes_unless_the_exact_type_is_asked_for():
    import graphlib

    expected, subclass, other = _raised(ValueError()), _raised(graphlib.CycleError()), _raised(TypeError())
    assert raises_as_expected(expected, subclass, exact_type=False)
    assert not raises_as_expected(expected, subclass, exact_type=True)
    assert not raises_as_expected(expected, other, exact_type=False)
    assert not raises_as_expected(subclass, expected, exact_type=False)  # a base class is not enough
    assert raises_as_expected(expected, expected, exact_type=True)


def test_graphlib_cycle_error_is_accepted_where_the_spec_says_value_error(judge_json):
    code, result = judge_json("graph_traversal", SUBMISSIONS / "topo_graphlib.py", "--max-examples", "40")
    assert code == 0 and result["verdict"] == "AC", result["message"]


def test_a_challenge_that_asks_for_the_exact_type_rejects_a_subclass(judge_json):
    code, result = judge_json("exception_handling", SUBMISSIONS / "exception_handling_wraps_in_subclass.py")
    assert code == 1 and result["verdict"] == "WA", result["message"]
    assert "Wrapped" in result["message"]
