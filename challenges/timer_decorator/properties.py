"""Properties of timer_decorator: the decorator is applied to trusted functions from support.py
(plain, recursive, a method, ones that raise Exception or BaseException, coroutine functions), then
support.py helpers call the result with a fake `time.perf_counter` and capture the "timer" logger,
so results, exceptions, the exact log lines and the copied metadata are all compared with the
reference's."""
from hypothesis import strategies as st

from judge.harness import prop

# Clock advances: whole microseconds (rounding at the 4th decimal) and arbitrary floats, 0 included.
deltas = st.one_of(st.integers(0, 3_000_000).map(lambda n: n / 1_000_000),
                   st.floats(0, 5000, allow_nan=False, allow_infinity=False), st.just(0.0), st.just(0.00005))
bases = st.one_of(st.sampled_from([0.0, 1000.25, 86_400.5]), st.floats(0, 1e6, allow_nan=False))
calls = st.lists(st.tuples(st.integers(-20, 20), st.lists(st.integers(-9, 9), max_size=4),
                           st.lists(deltas, min_size=1, max_size=25)), min_size=1, max_size=3)
SYNC = ["add", "echo", "fail", "abort", "fib", "nodoc", "deposit"]
ASYNC = ["async_add", "async_fail", "async_abort"]


@prop(st.sampled_from(SYNC), calls, bases, max_examples=250)
def sync_calls(p, kind, plan, base):
    """Plain functions: the result (the very object) comes back, Boom and a BaseException are re-raised,
    and each call logs "{qualname} took/failed after {seconds:.4f}s" at INFO on "timer", with the time the
    fake clock moved inside the call (a recursive function logs once per level, innermost first)."""
    f = p.support("target", kind)
    t = p.new("timer", f)
    p.helper("run_calls", t, kind, plan, base)


@prop(st.sampled_from(ASYNC), calls, bases, max_examples=150)
def async_calls(p, kind, plan, base):
    """Coroutine functions: timing covers the awaited body, not the creation of the coroutine; failures
    (an Exception or a BaseException) are logged and re-raised."""
    f = p.support("target", kind)
    t = p.new("timer", f)
    p.helper("run_calls", t, kind, plan, base)


@prop(st.lists(st.integers(-50, 50), min_size=1, max_size=4), st.lists(deltas, max_size=12), bases,
      max_examples=120)
def concurrent_coroutines(p, xs, plan, base):
    """Several calls of one decorated coroutine function running at once: each times its own call (no
    start time shared between calls)."""
    f = p.support("target", "async_add")
    t = p.new("timer", f)
    p.helper("run_concurrent", t, xs, plan, base)


@prop(st.sampled_from(SYNC + ASYNC), max_examples=20)
def metadata(p, kind):
    """__name__, __qualname__, __doc__, __module__, the function's own attributes, __wrapped__, the
    signature and inspect.iscoroutinefunction are those of the decorated function."""
    f = p.support("target", kind)
    t = p.new("timer", f)
    p.helper("metadata", t, kind)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """A zero duration, 0.00005 s, a long run, a recursion of depth 6, and a coroutine that fails."""
    for kind, plan in (("add", [[1, [], [0.0]], [0, [5], [0.00005]], [2, [1, 2], [12345.678901]]]),
                       ("fib", [[6, [], [0.25] * 30]]), ("fail", [[3, [], [1.5]]]),
                       ("async_add", [[1, [], [0.1, 0.2]]]), ("async_abort", [[1, [], [2.0]]])):
        t = p.new("timer", p.support("target", kind))
        p.helper("run_calls", t, kind, plan, 10.0)
