"""Human-readable renderings of trusted values and call programs (counterexamples)."""
from __future__ import annotations

import math
import reprlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from judge.harness import Program

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


_OPERATORS = {"__len__": ("len({0})", 0), "__contains__": ("{1} in {0}", 1), "__getitem__": ("{0}[{1}]", 1),
              "__setitem__": ("{0}[{1}] = {2}", 2), "__delitem__": ("del {0}[{1}]", 1), "__bool__": ("bool({0})", 0)}


def render_program(program: Program, upto: int, note: str = "") -> str:
    """The calls a person can paste into a Python prompt, the failing one last with its note."""
    from judge.harness import Obj  # not at the top: the harness imports the comparisons, which import this module

    labels = {i: c.label for i, c in enumerate(program.calls) if c.label}
    # A fetched top-level function (`p.function("f")`) is just its name where it is passed on:
    # `scenario(process_file, ...)`, not an assignment a candidate would never write.
    named = {i for i, c in enumerate(program.calls) if c.fetch and c.target is None}
    labels.update({i: program.calls[i].name for i in named})

    def arg(value: Any) -> str:
        if isinstance(value, Obj):
            return labels.get(value._index, "obj")
        if type(value) in (list, tuple) and any(isinstance(v, Obj) for v in value):
            inner = ", ".join(arg(v) for v in value) + ("," if type(value) is tuple and len(value) == 1 else "")
            return f"[{inner}]" if type(value) is list else f"({inner})"
        return show(value)

    lines = []
    for index, call in enumerate(program.calls[: upto + 1]):
        if index in named and index != upto:
            continue
        args = [arg(a) for a in call.args] + [f"{k}={arg(v)}" for k, v in call.kwargs.items()]
        owner = labels.get(call.target, "obj")
        if call.target == "workload":
            text = f"for method, args in {call.name}({', '.join(args[1:])}): getattr({args[0]}, method)(*args)"
        elif call.target in (None, "support"):
            text = call.name if call.fetch else f"{call.name}({', '.join(args)})"
        elif call.name in _OPERATORS and len(args) == _OPERATORS[call.name][1]:
            text = _OPERATORS[call.name][0].format(owner, *args)
        else:
            text = f"{owner}.{call.name}({', '.join(args)})"
        if call.label:
            text = f"{call.label} = {text}"
        lines.append(text)
    text = "; ".join(lines) if sum(map(len, lines)) < 240 else "\n".join(lines)
    return f"{text}  # {note}" if note else text
