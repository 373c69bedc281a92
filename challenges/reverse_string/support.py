"""Runs on both sides: a scenario that measures what reverse_in_place allocates, and big inputs built
inside the sandbox.

The properties hand the submission's reverse_in_place itself to the helpers here (`p.function`).
"""
import tracemalloc

# The judge runs a program that calls these helpers with nothing else in flight: its scenario
# measures allocations with tracemalloc (a reply arriving meanwhile would be measured too).
RUN_ALONE = True

EXTRA_BYTES = 64 * 1024


def letters(n):
    """n one-character strings: ASCII, accented, CJK and a non-BMP emoji, in a fixed pattern."""
    pattern = "abcdefghijklmnopqrstuvwxyzé漢字😀"
    return [pattern[i % len(pattern)] for i in range(n)]


def in_place_report(fn, n):
    """Calls fn on a list of n characters while tracemalloc measures the peak of what it allocates.

    Returns plain data: whether it returned None, whether the very same list now holds the characters
    in reverse order, and whether the peak stayed under EXTRA_BYTES (a reversed copy of 100,000 items
    needs 800,000 bytes)."""
    chars = letters(n)
    expected = chars[::-1]
    tracing = tracemalloc.is_tracing()
    if tracing:
        tracemalloc.reset_peak()
        start, _ = tracemalloc.get_traced_memory()
    else:
        tracemalloc.start()
        start = 0
    try:
        result = fn(chars)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not tracing:
            tracemalloc.stop()
    return {"returned_none": result is None, "same_list_reversed": chars == expected,
            "extra_memory_ok": peak - start <= EXTRA_BYTES}


def make_list(items):
    """A copy of items kept inside the sandbox, so successive calls act on one list object."""
    return [*items]
