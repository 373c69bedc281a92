"""Float and tensor comparisons have an absolute floor per dtype (as torch.testing.assert_close has) and
ask no relative precision of values below it, subnormal ones included; real errors are still rejected."""
from __future__ import annotations

import pytest

from conftest import SUBMISSIONS
from judge.compare import float_close, tensor_close, within_baseline

torch = pytest.importorskip("torch")


def f32(*values):
    return torch.tensor(values, dtype=torch.float64).to(torch.float32)


def test_subnormal_gradients_that_differ_by_a_fraction_of_a_percent_are_accepted():
    """dpo_loss with margin beta * z of about 98 in float32: the exact gradient, rounded once, is -2.2281e-43;
    a stable float32 implementation gets -2.2141e-43 (one subnormal step, 0.6 % relative)."""
    expected = f32(-2.2281e-43, 2.2281e-43, 2.2281e-43, -2.2281e-43)
    actual = f32(-2.2141e-43, 2.2141e-43, 2.2141e-43, -2.2141e-43)
    assert 0.005 < float(((actual - expected).double().norm() / expected.double().norm())) < 0.01
    assert tensor_close()(expected[:1], actual[:1]) is None
    assert tensor_close()(expected, actual) is None
    flushed = torch.zeros(4)  # flush-to-zero arithmetic: the subnormals become 0
    assert tensor_close()(expected, flushed) is None


def test_gradients_far_below_atol_need_no_relative_precision():
    """A gradient of 1.7e-13 that float32 cancellation turns into 0 is within atol 1e-5 (assert_close's floor)."""
    assert tensor_close()(f32(-1.6718e-13, 1.6718e-13), f32(0.0, -0.0)) is None
    assert tensor_close(tolerances={"float32": (0.0, 1e-6)})(f32(1e-42, 1.0), f32(1.1e-42, 1.0)) is None


def test_real_errors_are_still_rejected():
    # twice the true gradient at a zero margin (an autograd kink), small but well above atol
    reason = tensor_close()(f32(-0.000357143, 0.000357143), f32(-0.000714286, 0.000714286))
    assert reason and "max abs error" in reason and "worst at [0]" in reason
    # 0.6 % off on values of ordinary size
    assert tensor_close()(f32(0.25, -1.5, 3.0), f32(0.25, -1.5, 3.018))
    # an all-zeros answer where ten thousand values each lie below atol: the 2-norm of the error is 5e-4
    reason = tensor_close()(torch.full((10_000,), 5e-6), torch.zeros(10_000))
    assert reason and "error norm" in reason
    # a wrong sign on subnormal values is still wrong where the tensor also holds ordinary values
    assert tensor_close()(f32(1.0, 2e-43), f32(1.0, -2e-43)) is None  # within the floor, as in assert_close
    assert tensor_close()(f32(1.0, 0.5), f32(1.0, -0.5))


def test_float_close_has_an_absolute_floor():
    assert float_close()(2.2281e-310, 2.2141e-310) is None  # float64 subnormals
    assert float_close()(0.0, 1e-13) is None
    assert float_close(abs_=0.0)(2.2281e-310, 2.2141e-310) is None  # never below the smallest normal float
    assert float_close()(1.0, 1.0 + 1e-6)
    assert float_close()(1e-9, 2e-9)


def test_within_baseline_asks_no_relative_precision_of_subnormals():
    exact = torch.tensor([2.2281e-43, -2.2281e-43], dtype=torch.float64)
    plain = exact.to(torch.float32)
    assert within_baseline(exact, plain, floor=0.0)(plain, f32(2.2141e-43, -2.2141e-43)) is None
    assert within_baseline(exact, plain, floor=0.0)(plain, f32(1e-30, -1e-30))


def test_a_stable_dpo_loss_is_accepted_and_a_wrong_slope_rejected(judge_json):
    """End to end on dpo_loss (seed 1 draws margins whose float32 gradients are far below atol)."""
    code, result = judge_json("dpo_loss", SUBMISSIONS / "dpo_stable_softplus.py", "--seed", "1")
    assert (code, result["verdict"]) == (0, "AC"), result["message"]
    code, result = judge_json("dpo_loss", SUBMISSIONS / "dpo_softplus_wrong_slope_at_zero.py", "--seed", "1")
    assert (code, result["verdict"], result["property"]) == (1, "WA", "gradients"), result["message"]
    assert "max abs error" in result["message"]
