"""Tensor verdicts say where and what: small tensors render as code that rebuilds them, and a
mismatch names the index and both values (not only "tensors differ")."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import CHALLENGES
from judge.compare import tensor_close
from judge.render import show

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16, torch.bfloat16, torch.float64,
                                   torch.int64, torch.bool])
def test_a_small_tensor_renders_as_code_that_rebuilds_it_exactly(dtype):
    values = torch.tensor([[0.1, -2.5, 3.0], [1e-3, 7.0, -0.0]]).to(dtype)
    rebuilt = eval(show(values), {"torch": torch})  # noqa: S307 - the judge's own rendering
    assert rebuilt.dtype == dtype and torch.equal(rebuilt, values)


def test_non_finite_values_render_as_python_that_evaluates():
    values = torch.tensor([float("nan"), float("inf"), float("-inf"), 1.0])
    rebuilt = eval(show(values), {"torch": torch})  # noqa: S307
    assert torch.equal(rebuilt.isnan(), values.isnan()) and torch.equal(rebuilt[1:], values[1:])


def test_a_large_tensor_renders_by_shape_and_dtype():
    assert show(torch.zeros(5, 4)) == "tensor(shape=[5, 4], dtype=float32)"


def test_an_exact_mismatch_names_the_first_differing_index_and_both_values():
    expected = torch.arange(12).reshape(3, 4)
    actual = expected.clone()
    actual[1, 3] = 0
    actual[2, 0] = 0
    assert tensor_close()(expected, actual) == "tensors differ at [1, 3]: got 0, expected 7"


def test_a_tolerance_failure_names_the_worst_index_in_the_original_shape():
    expected = torch.arange(12.0).reshape(3, 4)
    expected[0, 0] = float("inf")  # non-finite entries are set aside before the worst is found
    actual = expected.clone()
    actual[0, 2] += 1e-3
    actual[2, 1] += 1.0
    reason = tensor_close()(expected, actual)
    assert reason.startswith("max abs error 1 over tolerance")
    assert reason.endswith("worst at [2, 1]: got 10, expected 9")


def test_a_misplaced_non_finite_value_is_located():
    expected = torch.ones(2, 3)
    actual = expected.clone()
    actual[1, 2] = float("nan")
    assert tensor_close()(expected, actual).endswith("at [1, 2] got nan, expected 1")


def test_agreeing_tensors_pass_with_nan_where_the_reference_has_it():
    expected = torch.tensor([1.0, float("nan"), 3.0])
    assert tensor_close()(expected, expected.clone()) is None
    assert tensor_close(exact=True)(expected, expected.clone()) is None


def test_a_tensor_counterexample_pastes_into_a_prompt_and_reproduces_the_expected_value(judge_json):
    """The user's view: run the printed call against the reference and get the printed expectation."""
    code, result = judge_json("self_attention", CHALLENGES / "self_attention/wrong/no_scaling.py", "--seed", "1")
    assert code == 1 and result["verdict"] == "WA"
    call, _, comment = result["counterexample"].partition("  # ")
    assert "torch.tensor(" in call and "worst at [" in comment
    spec = importlib.util.spec_from_file_location("reference", CHALLENGES / "self_attention/reference.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    got = eval(call, {"torch": torch, **vars(reference)})  # noqa: S307 - the judge's own rendering
    assert show(got) == result["expected"]
