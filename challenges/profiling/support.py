"""Runs on both sides (trusted): the functions the judge profiles, and probes of the global state
that profiling leaves behind (an active profiler, tracemalloc still tracing).

The workloads are plain Python code defined here, so their call counts are the same on both sides;
they call built-ins too (sum, sorted, len, list.append), which the counts must leave out. They use
generator expressions rather than list comprehensions, which Python 3.12 inlines (PEP 709).
"""
import gc
import sys
import tracemalloc

# The judge runs a program that calls these helpers with nothing else in flight: its probes read the
# process's profiler, tracemalloc and gc state (a reply arriving meanwhile would be measured too).
RUN_ALONE = True


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


class Node:
    def __init__(self, value, children=()):
        self.value, self.children = value, list(children)

    def visit(self, depth=0):
        return self.value * depth + sum(child.visit(depth + 1) for child in self.children)


def visit(node):
    """A function named like Node.visit: counts of both are summed under "visit"."""
    return node.visit()


def build(depth, width):
    return Node(depth, list(build(depth - 1, width) for _ in range(width)) if depth else [])


def tree(depth, width=2):
    return visit(build(depth, width))


def make_adder(k):
    def add(x):
        return x + k
    return add


def adders(n, *, scale=1):
    total = 0
    for i in range(n):
        total += make_adder(i)(scale)
    return total


def sort_words(words):
    return sorted(words, key=lambda w: (len(w), w))


def squares(n):
    return sum(i * i for i in range(n))


def parse(text):
    try:
        return int(text)
    except ValueError:
        return None


def parse_all(items):
    return list(parse(item) for item in items).count(None)


def only_builtins(n):
    return len(list(range(n)))


def explode(n):
    if n <= 0:
        raise ValueError("exploded")
    return explode(n - 1)


def mixed(n):
    return [fib(n % 12), is_even(n), adders(n % 7), squares(n), sort_words(["bb", "a", "ccc"][: n % 4]), tree(n % 4)]


# Memory workloads: each returns a small value; sizes in bytes are roughly n.

def hold_list(n):
    data = [i for i in range(n // 8)]
    return len(data)


def temporary_then_small(n):
    big = bytearray(n)
    del big
    small = bytearray(n // 4)
    return len(small)


def grow_string(n):
    text = ""
    parts = []
    for i in range(n // 100):
        parts.append("x" * 100)
    text = "".join(parts)
    return len(text)


def dict_of(n):
    table = {i: str(i) for i in range(n // 150)}
    return len(table)


def keep(n):
    """Returns the allocation itself: it is still held when the call ends."""
    return bytes(n)[:0] + b"x" * n


def fail_after_alloc(n):
    big = bytearray(n)
    raise MemoryError if big is None else ValueError(f"failed after {len(big)} bytes")


def workload(name):
    """The function kept by the judge and passed to profile_calls / peak_memory.

    It also pauses the garbage collector until resume_gc(): the judge process has gc callbacks
    (Python functions) that would otherwise show up in a profile when a collection happens to run.
    """
    gc.disable()
    return globals()[name]


def resume_gc():
    gc.enable()
    return None


def profiler_active():
    """Whether a profiler is still installed (a cProfile.Profile left enabled)."""
    return sys.getprofile() is not None


_BALLAST = []


def start_tracing():
    """Start tracemalloc and hold 2 MB while it traces: a baseline peak_memory must subtract."""
    tracemalloc.start()
    _BALLAST.append(bytearray(2_000_000))
    return tracemalloc.is_tracing()


def tracing():
    return tracemalloc.is_tracing()


def stop_tracing():
    was = tracemalloc.is_tracing()
    _BALLAST.clear()
    tracemalloc.stop()
    return was
