"""Runs on both sides: the patch targets (a module, classes, instances) are built here, and a scenario
enters the submission's context managers, observing the targets at every step.

The judge keeps the objects `patched(target, name, replacement)` returns (context managers, not yet
entered) and passes them here; `run` enters them in order, optionally raises inside the innermost
block, and unwinds them. Everything it reports is plain data: how each watched attribute looks
(present on the object itself or only through its class, and what it is), at every step.
"""
import contextlib
import types

_MISSING = object()


class Boom(Exception):
    """Raised inside the innermost `with` block by a scenario, to check unwinding on an exception."""


def _function(name):
    def f(*args):
        return name

    f.__name__ = f.__qualname__ = name
    return f


def make_module():
    """A fresh module: x = 1, n = None, f = a function named f."""
    module = types.ModuleType("judge_target")
    module.x, module.n, module.f = 1, None, _function("f")
    return module


def make_classes():
    """A fresh pair Base, Child(Base), returned as Child: Base holds b = "base"; Child holds x = 1,
    n = None, a method m, a staticmethod s, a classmethod c and a property p."""
    base = type("Base", (), {"b": "base"})
    namespace = {"x": 1, "n": None, "m": _function("m"), "s": staticmethod(_function("s")),
                 "c": classmethod(_function("c")), "p": property(_function("p"))}
    return type("Child", (base,), namespace)


def make_instance(cls):
    """An instance of cls holding its own y = 2 and n = None (every other name comes from the class)."""
    obj = cls()
    obj.y, obj.n = 2, None
    return obj


def describe(value):
    """Plain data for a value: builtins as themselves, functions, methods and descriptors by kind and name."""
    if value is _MISSING:
        return "<missing>"
    if value is None or type(value) in (int, str, bool, float):
        return value
    if isinstance(value, (staticmethod, classmethod)):
        return f"{type(value).__name__}:{value.__func__.__name__}"
    if isinstance(value, property):
        return f"property:{value.fget.__name__}"
    if isinstance(value, types.FunctionType):
        return f"function:{value.__name__}"
    if isinstance(value, types.MethodType):
        return f"method:{value.__func__.__name__}"
    return f"<{type(value).__name__}>"


def look(target, name):
    """(own entry in the target's __dict__, what getattr gives), both described."""
    own = vars(target).get(name, _MISSING)
    try:
        seen = getattr(target, name)
    except AttributeError:
        seen = _MISSING
    return [describe(own), describe(seen)]


def snapshot(watch):
    return [look(target, name) for target, name in watch]


def run(managers, watch, raise_inside=False):
    """Enter every manager in order (observing after each), optionally raise Boom in the innermost
    block, then unwind in LIFO order (observing after each exit). Reports the observations, the values
    bound by `as`, and whether Boom came out of the with blocks (it must: patching never swallows)."""
    steps, bound = [snapshot(watch)], []
    propagated = False
    try:
        with contextlib.ExitStack() as stack:
            for manager in managers:
                bound.append(describe(stack.enter_context(_Observed(manager, watch, steps))))
                steps.append(snapshot(watch))
            if raise_inside:
                raise Boom()
    except Boom:
        propagated = True
    return {"steps": steps, "as": bound, "propagated": propagated if raise_inside else None}


class _Observed:
    """Wraps one manager so that the state right after its __exit__ is recorded too."""

    def __init__(self, manager, watch, steps):
        self.manager, self.watch, self.steps = manager, watch, steps

    def __enter__(self):
        return self.manager.__enter__()

    def __exit__(self, *exc):
        try:
            return self.manager.__exit__(*exc)
        finally:
            self.steps.append(snapshot(self.watch))
