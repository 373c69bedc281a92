"""Human-readable renderings of trusted values and call programs (counterexamples)."""
from __future__ import annotations

import reprlib
from typing import Any

_repr = reprlib.Repr()
_repr.maxlist = _repr.maxtuple = _repr.maxset = _repr.maxfrozenset = _repr.maxdict = 12
_repr.maxstring = _repr.maxother = 120
_repr.maxlevel = 6
_repr.maxlong = 60


def show(value: Any) -> str:
    """repr of a value the judge built itself (never a sandbox object), shortened for a terminal."""
    if type(value).__module__ == "torch" and type(value).__name__ == "Tensor":
        return f"tensor(shape={list(value.shape)}, dtype={str(value.dtype).removeprefix('torch.')})"
    if isinstance(value, list) and any(type(v).__module__ == "torch" for v in value[:3]):
        return "[" + ", ".join(show(v) for v in value[:6]) + (", ..." if len(value) > 6 else "") + "]"
    if isinstance(value, tuple) and any(type(v).__module__ == "torch" for v in value[:3]):
        return "(" + ", ".join(show(v) for v in value) + ")"
    return _repr.repr(value)
