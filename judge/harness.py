"""The API a challenge's properties.py is written against.

A property builds a *program*: a list of calls recorded on a `Program` (nothing runs while it is
built). The judge runs the same program on the trusted reference, in its own process, and on the
submission, in the sandbox, then compares each call's outcome. Hypothesis generates the
arguments and shrinks a failing program to a minimal one, rendered as pasteable calls.

    from hypothesis import strategies as st
    from judge.harness import prop, scaling

    @prop(st.integers(1, 5), st.lists(st.integers(0, 9)))
    def matches_reference(p, capacity, keys):
        c = p.new("LRUCache", capacity)
        for k in keys:
            c.get(k)

Calls are compared exactly (same types, same values) unless `.compare(fn)` says otherwise, and
every call must leave its arguments as the reference leaves them (unchanged, unless the reference
itself changes them in place). Kept objects passed as arguments are not compared after the call.

A property that computes with the challenge's own trusted code (a comparator built from the exact
result, a baseline to measure the error against) loads it with `load_reference(__file__)` or
`load_support(__file__)`: the judge's copy, in the judge's process, never the sandbox's.
"""
from __future__ import annotations

import importlib.util
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from judge.compare import Comparator, exact

PROPERTY_MARK = "__judge_property__"


@dataclass
class Call:
    """One recorded call; `compare` and `mutates` tune how its outcome is judged."""

    program: "Program"
    target: Any  # None (a top-level name), "support", or the index of the call that made the object
    name: str
    args: tuple
    kwargs: dict
    keep: bool = False
    fetch: bool = False  # keep the named attribute itself (a function) without calling it
    comparator: Comparator = exact
    label: str | None = None  # the variable name a kept object gets in a rendered counterexample

    def compare(self, comparator: Comparator) -> "Call":
        self.comparator = comparator
        return self


_NOT_METHODS = frozenset({"__deepcopy__", "__copy__", "__getstate__", "__setstate__", "__reduce__",
                          "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__", "__length_hint__",
                          "__iter__", "__next__", "__fspath__", "__index__", "__array__"})


class Obj:
    """An object made by an earlier call of the program; attribute access records method calls.

    Dunder methods are recorded too: `q.__len__()` calls `len` on the submission's object and is
    rendered as `len(q)` in a counterexample.
    """

    __slots__ = ("_program", "_index")

    def __init__(self, program: "Program", index: int) -> None:
        self._program, self._index = program, index

    def __getattr__(self, method: str) -> Callable[..., Call]:
        if method in _NOT_METHODS:  # protocols Python itself probes for; never submission methods
            raise AttributeError(method)

        def record(*args: Any, **kwargs: Any) -> Call:
            return self._program._record(self._index, method, args, kwargs)

        return record


@dataclass
class Program:
    calls: list[Call] = field(default_factory=list)
    _labels: dict[str, int] = field(default_factory=dict)

    def _record(self, target, name: str, args: tuple, kwargs: dict, keep: bool = False) -> Call:
        call = Call(self, target, name, args, kwargs, keep=keep)
        self.calls.append(call)
        return call

    def _keep(self, target, name: str, args: tuple, kwargs: dict) -> Obj:
        call = self._record(target, name, args, kwargs, keep=True)
        words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name.rsplit(".", 1)[-1]) or ["x"]
        base = words[-1][0].lower()  # LRUCache -> c, MinHeap -> h, ListNode -> n
        self._labels[base] = self._labels.get(base, 0) + 1
        call.label = base if self._labels[base] == 1 else f"{base}{self._labels[base]}"
        return Obj(self, len(self.calls) - 1)

    def new(self, name: str, *args: Any, **kwargs: Any) -> Obj:
        """Call the submission's `name` (a class, a function, or a dotted `Class.factory`) and keep the result.

        A kept result is not compared itself; later calls use it (methods, or arguments of `helper`).
        """
        return self._keep(None, name, args, kwargs)

    def function(self, name: str) -> Obj:
        """Keep the submission's function `name` itself, uncalled, to hand it to a support.py helper."""
        obj = self._keep(None, name, (), {})
        self.calls[-1].fetch = True
        return obj

    def call(self, name: str, *args: Any, **kwargs: Any) -> Call:
        """Call the submission's top-level function `name`; its result is compared with the reference's."""
        return self._record(None, name, args, kwargs)

    def support(self, name: str, *args: Any, **kwargs: Any) -> Obj:
        """Build an object from the challenge's support.py (the same code on both sides), e.g. a ListNode."""
        return self._keep("support", name, args, kwargs)

    def workload(self, obj: Obj, generator: str, *args: Any, **kwargs: Any) -> Call:
        """Drive the kept object `obj` with the `(method, args)` pairs that support.py's generator
        `generator(*args, **kwargs)` yields, on both sides; the outcomes are compared as one digest.

        This is how a scaling property sends hundreds of thousands of operations: the generator runs
        next to the object (in the sandbox for the submission, in the judge for the reference), so
        only a digest crosses the wire. On a mismatch the judge replays the program once more to
        name the first operation whose outcome differs.
        """
        return self._record("workload", generator, (obj, *args), kwargs)

    def helper(self, name: str, *args: Any, **kwargs: Any) -> Call:
        """Call a support.py function and compare its result, e.g. `index_of(head, node)` to check identity."""
        return self._record("support", name, args, kwargs)


@dataclass(frozen=True)
class Property:
    name: str
    func: Callable
    strategies: tuple
    max_examples: int
    scaling_ratio: float | None = None  # set for scaling properties
    doc: str = ""

    @property
    def is_scaling(self) -> bool:
        return self.scaling_ratio is not None


def prop(*strategies: Any, max_examples: int = 100) -> Callable:
    """A differential property: for every generated argument tuple, the program must match the reference."""

    def mark(func: Callable) -> Callable:
        setattr(func, PROPERTY_MARK, Property(func.__name__, func, strategies, max_examples,
                                              doc=(func.__doc__ or "").strip()))
        return func

    return mark


def scaling(ratio: float = 10.0) -> Callable:
    """A complexity check: `func(p, rng)` builds one large program from a seeded `random.Random`.

    The submission's wall time for it, measured by the judge around the call, may be at most
    `ratio` times the reference's time for the same program in the same run (plus a small fixed
    allowance for the wire), so the check holds on a slow machine and rejects a worse complexity as TLE.
    """

    def mark(func: Callable) -> Callable:
        setattr(func, PROPERTY_MARK, Property(func.__name__, func, (), 1, scaling_ratio=ratio,
                                              doc=(func.__doc__ or "").strip()))
        return func

    return mark


def collect_properties(namespace: dict) -> list[Property]:
    """The properties a properties.py module defines, in the order it defines them."""
    return [getattr(v, PROPERTY_MARK) for v in namespace.values() if hasattr(v, PROPERTY_MARK)]


def seeded_rng(seed: int, name: str) -> random.Random:
    return random.Random(f"{seed}:{name}")


@dataclass(frozen=True)
class Benchmark:
    """What `judge bench` times: `function` against a plain `baseline` (a support.py function),
    on inputs that support.py's `inputs(shape, seed)` builds (a tuple of arguments), per shape."""

    function: str
    baseline: str
    inputs: str
    shapes: tuple
    kwargs: dict = field(default_factory=dict)
    repeat: int = 10
    compare: Any = None  # a comparator for the last output against the reference's; default tensor_close()


def benchmark(function: str, baseline: str, inputs: str, shapes: list, kwargs: dict | None = None,
              repeat: int = 10, compare: Any = None) -> Benchmark:
    """Declare a benchmark in properties.py: `BENCHMARK = benchmark(...)`."""
    return Benchmark(function, baseline, inputs, tuple(shapes), dict(kwargs or {}), repeat, compare)


def collect_benchmarks(namespace: dict) -> list[Benchmark]:
    return [v for v in namespace.values() if isinstance(v, Benchmark)]


# ---------------------------------------------------------------- the challenge's trusted code

def load_trusted_module(path: Path | str, name: str) -> dict:
    """Import challenge code (reference, properties, support) into the judge, as module `name`:
    trusted, author-written, and run only here. Returns the module's namespace."""
    spec = importlib.util.spec_from_file_location(name, str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return vars(module)


def load_reference(properties_file: str) -> dict:
    """The namespace of reference.py beside `properties_file` (pass `__file__`), for a property
    whose comparator computes with the trusted reference, e.g. an exact float64 result."""
    return _load_beside(properties_file, "reference")


def load_support(properties_file: str) -> dict:
    """The namespace of support.py beside `properties_file` (pass `__file__`): the judge's own copy
    of the helpers the sandbox also gets, e.g. a plain baseline to measure an error against."""
    return _load_beside(properties_file, "support")


def _load_beside(properties_file: str, kind: str) -> dict:
    folder = Path(properties_file).resolve().parent
    return load_trusted_module(folder / f"{kind}.py", f"{folder.name}_{kind}_for_properties")
