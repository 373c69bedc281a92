"""Comparators: trusted-side checks of a decoded outcome against the reference's.

Both values were rebuilt by the judge from wire data with builtin constructors, so comparing them
runs no submission code. A comparator returns None when the values agree, else a short reason.
Types are checked exactly first: `True` is not `1`, `1.0` is not `1`, a tuple is not a list.
"""
from __future__ import annotations

import math
import sys
from typing import Any, Callable, Optional

from judge.render import show

Comparator = Callable[[Any, Any], Optional[str]]


def _type_name(value: Any) -> str:
    return type(value).__name__


def exact(expected: Any, actual: Any, path: str = "") -> Optional[str]:
    """Same type and same value, recursively; floats equal bit for bit (NaN equals NaN)."""
    where = f" at {path}" if path else ""
    if type(expected) is not type(actual):
        return f"expected {_type_name(expected)}{where}, got {_type_name(actual)} {show(actual)}"
    if type(expected) is float:
        if expected == actual or (math.isnan(expected) and math.isnan(actual)):
            return None
        return f"expected {expected!r}{where}, got {actual!r}"
    if type(expected) in (list, tuple):
        if _flat_and_equal(expected, actual):
            return None
        if len(expected) != len(actual):
            return f"expected {_items(len(expected))}{where}, got {len(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            reason = exact(e, a, f"{path}[{i}]")
            if reason:
                return reason
        return None
    if type(expected) is dict:
        actual_keys = {k: k for k in actual}  # the key objects themselves, found in O(1)
        if set(expected) != set(actual) or any(type(k) is not type(actual_keys[k]) for k in expected):
            return f"expected keys {show(sorted(expected, key=repr))}{where}, got {show(sorted(actual, key=repr))}"
        for key in expected:
            reason = exact(expected[key], actual[key], f"{path}[{key!r}]")
            if reason:
                return reason
        return None
    if _is_tensor(expected):
        return tensor_close(exact=True)(expected, actual)
    if expected != actual:
        return f"expected {show(expected)}{where}, got {show(actual)}"
    return None


_FLAT = frozenset({int, str, bool, bytes, type(None)})  # == on these is exact once the types match


def _flat_and_equal(expected: Any, actual: Any) -> bool:
    """Long lists of atoms (a flattened list, a million characters) compared at C speed: the same
    types position by position, and equal. Anything else takes the element-by-element path."""
    kinds = list(map(type, expected))
    return kinds == list(map(type, actual)) and _FLAT.issuperset(kinds) and expected == actual


def _items(count: int) -> str:
    return "1 item" if count == 1 else f"{count} items"


def unordered(expected: Any, actual: Any) -> Optional[str]:
    """Lists equal as multisets (order free); items compared exactly."""
    if type(actual) is not list:
        return f"expected a list, got a {_type_name(actual)}"
    remaining = list(actual)
    for item in expected:
        for i, candidate in enumerate(remaining):
            if exact(item, candidate) is None:
                del remaining[i]
                break
        else:
            return f"missing {show(item)}"
    if remaining:
        return f"unexpected {show(remaining[0])}"
    return None


def float_close(rel: float = 1e-9, abs_: float = 1e-12) -> Comparator:
    """A float within tolerance of the reference's; NaN and infinities only where the reference has them.

    The absolute floor `abs_` (by default about one unit in the last place at magnitude 1) is never
    below the smallest normal float: subnormal values carry too few bits for any relative precision.
    """
    abs_ = max(abs_, sys.float_info.min)

    def compare(expected: Any, actual: Any) -> Optional[str]:
        if type(actual) is not float or type(expected) is not float:
            return exact(expected, actual)
        if not math.isfinite(expected) or not math.isfinite(actual):
            return exact(expected, actual)
        if abs(expected - actual) <= max(abs_, rel * abs(expected)):
            return None
        return f"expected {expected!r}, got {actual!r} (tolerance rel {rel:g}, abs {abs_:g})"

    return compare


def _is_tensor(value: Any) -> bool:
    return type(value).__module__ == "torch" and type(value).__name__ == "Tensor"


# Per-dtype tolerances (absolute, relative) against a reference computed in float64 and rounded
# once to the dtype: a few units in the last place of that dtype, as in PyTorch's own tests. Every
# entry has an absolute floor at least as wide as torch.testing.assert_close's default for the dtype
# (atol 1e-5 for float32/float16/bfloat16) except float64, where a float64 reference allows 1e-10.
TENSOR_TOLERANCES = {
    "float64": (1e-10, 1e-8),
    "float32": (1e-5, 1e-4),
    "float16": (2e-3, 1e-2),
    "bfloat16": (1.6e-2, 5e-2),
}


def tensor_close(dtype: str | None = None, device: str | None = None, exact: bool = False,
                 tolerances: dict | None = None) -> Comparator:
    """Tensors of the expected dtype, shape and device, elementwise within the dtype's tolerance.

    Non-finite values must sit where the reference has them. Elementwise |a - e| <= atol + rtol |e|,
    and the same over the whole tensor in 2-norm, ||a - e|| <= atol + rtol ||e||, which keeps an
    all-zeros answer from passing on many values each below atol. Both have the dtype's absolute floor
    atol (as torch.testing.assert_close has; never below the smallest normal number), so neither asks
    relative precision of values below it, subnormal ones included.
    """
    tolerances = tolerances or TENSOR_TOLERANCES

    def compare(expected: Any, actual: Any) -> Optional[str]:
        import torch

        if type(actual) is not torch.Tensor:
            return f"expected a torch.Tensor, got a {_type_name(actual)}"
        want_dtype = dtype or str(expected.dtype).removeprefix("torch.")
        got_dtype = str(actual.dtype).removeprefix("torch.")
        if got_dtype != want_dtype:
            return f"expected dtype {want_dtype}, got {got_dtype}"
        if tuple(actual.shape) != tuple(expected.shape):
            return f"expected shape {tuple(expected.shape)}, got {tuple(actual.shape)}"
        if device is not None and getattr(actual, "judge_device", device) != device:
            return f"expected a tensor on {device}, got one on {actual.judge_device}"
        if exact or not expected.is_floating_point():
            same = _agree(expected.to(actual.dtype), actual)
            if bool(same.all()):
                return None
            first = _first(~same)
            return (f"tensors differ at {_index(expected.shape, first)}: got {_scalar(actual, first)}, "
                    f"expected {_scalar(expected, first)}")
        e, a = expected.double(), actual.double()
        finite_e, finite_a = torch.isfinite(e), torch.isfinite(a)
        # NaN where the reference has NaN, an infinity of the same sign where it has one
        placed = (finite_e & finite_a) | _agree(e, a)
        if not bool(placed.all()):
            first = _first(~placed)
            return (f"non-finite values where the reference has none (or the reverse): at "
                    f"{_index(expected.shape, first)} got {_scalar(actual, first)}, expected {_scalar(expected, first)}")
        atol, rtol = tolerances.get(want_dtype, (0.0, 0.0))
        atol = max(atol, _tiny(actual.dtype))  # actual.dtype is want_dtype
        e, a = e[finite_e], a[finite_a]
        if e.numel() == 0:
            return None
        err = (a - e).abs()
        bound = atol + rtol * e.abs()
        if bool((err > bound).any()):
            worst = int(torch.argmax(err - bound))
            where = _index(expected.shape, int(torch.nonzero(finite_e.reshape(-1))[worst]))  # in the full tensor
            return (f"max abs error {float(err.max()):.3g} over tolerance (atol {atol:g}, rtol {rtol:g}) "
                    f"for {want_dtype}; worst at {where}: got {float(a[worst]):.6g}, expected {float(e[worst]):.6g}")
        norm_e, norm_err = float(e.norm()), float((a - e).norm())
        if norm_err > atol + rtol * norm_e:
            return (f"error norm {norm_err:.3g} over atol + rtol * norm {atol + rtol * norm_e:.3g} "
                    f"(atol {atol:g}, rtol {rtol:g}) for {want_dtype}")
        return None

    return compare


def _tiny(dtype: Any) -> float:
    """The smallest normal number of a floating dtype (0.0 for any other): below it, values are subnormal."""
    import torch

    return float(torch.finfo(dtype).tiny) if dtype.is_floating_point else 0.0


def _agree(x: Any, y: Any) -> Any:
    """Elementwise equality in which NaN agrees with NaN (any dtype: isnan is False off floats)."""
    return (x == y) | (x.isnan() & y.isnan())


def _first(mask: Any) -> int:
    """The flat (row-major) position of the first True in `mask`."""
    import torch

    return int(torch.nonzero(mask.reshape(-1))[0])


def _index(shape: Any, flat: int) -> str:
    """The position of element `flat` of a row-major tensor, as you would index it: [1, 3]."""
    position = []
    for size in reversed(tuple(shape)):
        flat, i = divmod(flat, size)
        position.append(i)
    return "[" + ", ".join(str(i) for i in reversed(position)) + "]"


def _scalar(tensor: Any, flat: int) -> str:
    value = tensor.reshape(-1)[flat].item()
    return repr(value) if not isinstance(value, float) else f"{value:.6g}"


# Rounding floors per dtype: about one unit in the last place at magnitude 1.
ROUNDING_FLOOR = {"float64": 1e-12, "float32": 2e-6, "float16": 2e-3, "bfloat16": 1.6e-2}


def within_baseline(reference64: Any, baseline: Any, multiple: float = 2.0, floor: float | None = None,
                    dtype: str | None = None) -> Comparator:
    """FlashAttention's test practice: the submission's error against a float64 reference may be at most
    `multiple` times the error a plain PyTorch implementation makes in the same dtype, plus a rounding floor.

    `reference64` is the float64 answer and `baseline` the plain implementation's answer in the
    submission's dtype, both computed on the trusted side from the same inputs. Non-finite values must
    sit where the reference has them, and a norm check (the error's 2-norm at most the larger of `multiple`
    times the baseline's and 1e-2 of the reference's norm, plus the same floor) keeps an all-zeros answer
    from passing.
    """

    def compare(expected: Any, actual: Any) -> Optional[str]:
        import torch

        want = dtype or str(baseline.dtype).removeprefix("torch.")
        basic = tensor_close(dtype=want, tolerances={want: (float("inf"), float("inf"))})(expected, actual)
        if basic:
            return basic
        ref = reference64.double()
        got, base = actual.double(), baseline.double()
        finite = torch.isfinite(ref)
        if not torch.equal(finite, torch.isfinite(got)):
            return "non-finite values where the reference has none (or the reverse)"
        ref, got, base = ref[finite], got[finite], base[finite]
        if ref.numel() == 0:
            return None
        rounding_floor = max(ROUNDING_FLOOR.get(want, 0.0) if floor is None else floor, _tiny(actual.dtype))
        limit = multiple * float((base - ref).abs().max()) + rounding_floor
        error = float((got - ref).abs().max())
        if error > limit:
            return (f"max abs error {error:.3g} against the float64 reference; a plain {want} implementation "
                    f"errs by {float((base - ref).abs().max()):.3g}, so at most {limit:.3g} is allowed")
        norm_err, base_err = float((got - ref).norm()), float((base - ref).norm())
        allowed = max(multiple * base_err, 1e-2 * float(ref.norm())) + rounding_floor
        if norm_err > allowed:
            return (f"error norm {norm_err:.3g} against the float64 reference; a plain {want} implementation's is "
                    f"{base_err:.3g}, so at most {allowed:.3g} is allowed")
        return None

    return compare
