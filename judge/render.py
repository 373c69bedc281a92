"""Human-readable renderings of trusted values and call programs (counterexamples)."""
from __future__ import annotations

import math
import reprlib
from typing import Any

_repr = reprlib.Repr()
_repr.maxlist = _repr.maxtuple = _repr.maxset = _repr.maxfrozenset = _repr.maxdict = 12
_repr.maxstring = _repr.maxother = 120
_repr.maxlevel = 6
_repr.maxlong = 60


SMALL_TENSOR = 16  # elements: a shrunk counterexample's tensors are usually this small, and then shown whole


def _literal(value: Any) -> str:
    """A Python literal for a tensor element or nested list of them (non-finite floats included)."""
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    return repr(value)


def show_tensor(value: Any) -> str:
    """Small tensors as code that rebuilds them (so a counterexample pastes into a prompt), larger
    ones by shape and dtype."""
    dtype = str(value.dtype).removeprefix("torch.")
    if value.numel() <= SMALL_TENSOR:
        return f"torch.tensor({_literal(value.detach().cpu().tolist())}, dtype=torch.{dtype})"
    return f"tensor(shape={list(value.shape)}, dtype={dtype})"


def show(value: Any) -> str:
    """repr of a value the judge built itself (never a sandbox object), shortened for a terminal."""
    if type(value).__module__ == "torch" and type(value).__name__ == "Tensor":
        return show_tensor(value)
    if isinstance(value, list) and any(type(v).__module__ == "torch" for v in value[:3]):
        return "[" + ", ".join(show(v) for v in value[:6]) + (", ..." if len(value) > 6 else "") + "]"
    if isinstance(value, tuple) and any(type(v).__module__ == "torch" for v in value[:3]):
        return "(" + ", ".join(show(v) for v in value) + ")"
    return _repr.repr(value)
