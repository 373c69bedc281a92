"""Properties of profiling: profile_calls on trusted workloads from support.py (recursion, mutual
recursion, methods and functions sharing a name, closures, lambdas, generator expressions,
exceptions, built-ins that must not be counted) is compared exactly, result and counts; peak_memory
is compared with the reference's peak within 10%, on workloads whose peak and final usage differ,
one after another, with tracemalloc already tracing, and after an exception; probes in support.py
check that neither leaves a profiler installed or tracemalloc running."""
from hypothesis import strategies as st

from judge.harness import prop


def within_ten_percent(expected, actual):
    """(result, peak): the result exactly, the peak an int within 10% of the reference's."""
    if type(actual) is not tuple or len(actual) != 2:
        return f"expected a (result, peak_bytes) tuple, got {actual!r}"[:200]
    if actual[0] != expected[0] or type(actual[0]) is not type(expected[0]):
        return f"expected the result {expected[0]!r}, got {actual[0]!r}"[:200]
    if type(actual[1]) is not int:
        return f"expected the peak as an int, got {type(actual[1]).__name__}"
    if abs(actual[1] - expected[1]) > 0.1 * expected[1]:
        return f"peak {actual[1]} bytes is not within 10% of {expected[1]}"
    return None


CALL_WORKLOADS = st.one_of(
    st.tuples(st.just("fib"), st.tuples(st.integers(0, 14))),
    st.tuples(st.just("is_even"), st.tuples(st.integers(0, 60))),
    st.tuples(st.just("tree"), st.tuples(st.integers(0, 5), st.integers(1, 3))),
    st.tuples(st.just("adders"), st.tuples(st.integers(0, 30))),
    st.tuples(st.just("sort_words"), st.tuples(st.lists(st.text("ab", max_size=3), max_size=8))),
    st.tuples(st.just("squares"), st.tuples(st.integers(0, 50))),
    st.tuples(st.just("parse_all"), st.tuples(st.lists(st.sampled_from(["1", "-2", "x", "", "3.5"]), max_size=8))),
    st.tuples(st.just("only_builtins"), st.tuples(st.integers(0, 50))),
    st.tuples(st.just("mixed"), st.tuples(st.integers(0, 40))),
)
MEMORY_WORKLOADS = st.sampled_from(["hold_list", "temporary_then_small", "grow_string", "dict_of", "keep"])
sizes = st.integers(300_000, 1_500_000)


@prop(CALL_WORKLOADS, max_examples=150)
def call_counts(p, workload):
    """The result and, per function name, the total number of calls (recursive ones included), summed
    over functions of the same name, lambdas and generator expressions included, built-ins left out."""
    name, args = workload
    f = p.support("workload", name)
    p.call("profile_calls", f, *args)
    p.helper("resume_gc")


@prop(st.integers(0, 20), st.integers(1, 3), max_examples=30)
def keyword_arguments_and_exceptions(p, n, scale):
    """Keyword arguments reach func; an exception from func propagates and leaves no profiler running,
    and the next profile_calls works."""
    p.call("profile_calls", p.support("workload", "adders"), n, scale=scale)
    p.call("profile_calls", p.support("workload", "explode"), n % 5)
    p.helper("profiler_active")
    p.call("profile_calls", p.support("workload", "fib"), n % 10)
    p.helper("profiler_active")
    p.helper("resume_gc")


@prop(st.lists(st.tuples(MEMORY_WORKLOADS, sizes), min_size=1, max_size=3), max_examples=30)
def peaks(p, runs):
    """The peak of traced memory during the call, above what was traced when it started, within 10%:
    the peak rather than the final usage, and each call measured on its own (a large call first does
    not raise the next one's figure); tracemalloc is stopped afterwards."""
    for name, n in runs:
        p.call("peak_memory", p.support("workload", name), n).compare(within_ten_percent)
        p.helper("tracing")
    p.helper("resume_gc")


@prop(MEMORY_WORKLOADS, sizes, max_examples=15)
def already_tracing(p, name, n):
    """When tracemalloc already traces (holding 2 MB), the figure leaves that out and tracing goes on."""
    p.helper("start_tracing")
    p.call("peak_memory", p.support("workload", name), n).compare(within_ten_percent)
    p.helper("tracing")
    p.helper("stop_tracing")
    p.helper("resume_gc")


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """An exception inside peak_memory propagates and stops tracemalloc; a function without Python
    calls counts only itself; fib(0)."""
    p.call("peak_memory", p.support("workload", "fail_after_alloc"), 500_000)
    p.helper("tracing")
    p.call("peak_memory", p.support("workload", "hold_list"), 1_000_000).compare(within_ten_percent)
    p.call("profile_calls", p.support("workload", "only_builtins"), 0)
    p.call("profile_calls", p.support("workload", "fib"), 0)
    p.helper("profiler_active")
    p.helper("resume_gc")
