"""Properties of min_heap: differential against the reference on random operation sequences
(repeated and negative values, empty-heap None results, len), heapify on arbitrary lists followed
by a full drain, explicit edge cases, and an O(log n)-per-operation check."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

values = st.integers(-6, 6)  # a small range, so repeats are frequent
operations = st.lists(
    st.one_of(st.tuples(st.just("insert"), values), st.tuples(st.sampled_from(["extract_min", "peek", "len"]))),
    max_size=50,
)


def apply(h, op):
    if op[0] == "insert":
        h.insert(op[1])
    elif op[0] == "len":
        h.__len__()
    else:
        getattr(h, op[0])()


def drain(h, count):
    for _ in range(count):
        h.__len__()
        h.peek()
        h.extract_min()
    h.__len__()
    h.peek()
    h.extract_min()


@prop(operations, max_examples=300)
def matches_reference(p, ops):
    """Any sequence of insert/extract_min/peek/len on an empty heap matches the reference."""
    h = p.new("MinHeap")
    for op in ops:
        apply(h, op)
    drain(h, len(ops))


@prop(st.lists(st.integers(-20, 20), max_size=40), operations, max_examples=300)
def heapify_then_operations(p, start, ops):
    """heapify(values) on any list (the list unchanged), then any operations, then a full drain."""
    h = p.new("MinHeap.heapify", start)
    h.__len__()
    h.peek()
    for op in ops:
        apply(h, op)
    drain(h, len(start) + len(ops))


@prop(st.lists(st.integers(-(2**70), 2**70), max_size=25), st.integers(0, 2), max_examples=150)
def sorted_and_reversed_inputs(p, start, order):
    """Huge ints, and inputs already ascending or descending (the worst cases for sift up and down)."""
    start = sorted(start) if order == 1 else sorted(start, reverse=True) if order == 2 else start
    h = p.new("MinHeap.heapify", start)
    drain(h, len(start))
    h2 = p.new("MinHeap")
    for value in start:
        h2.insert(value)
        h2.peek()
    drain(h2, len(start))


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Empty heaps answer None, a single item, repeats, negatives, heapify of [] and of one value."""
    h = p.new("MinHeap")
    h.__len__()
    h.peek()
    h.extract_min()
    h.insert(5)
    h.__len__()
    h.peek()
    h.extract_min()
    h.extract_min()
    h.__len__()
    for value in (3, 3, -1, 3, -1, 0):
        h.insert(value)
    drain(h, 6)
    e = p.new("MinHeap.heapify", [])
    e.__len__()
    e.peek()
    e.extract_min()
    e.insert(-7)
    e.peek()
    one = p.new("MinHeap.heapify", [4])
    one.peek()
    one.extract_min()
    one.extract_min()
    for start in ([5, 4, 3, 2, 1], [2, 1], [1, 2], [3, 1, 2], [1, 1, 1, 0], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]):
        drain(p.new("MinHeap.heapify", list(start)), len(start))


@scaling(ratio=10)
def logarithmic_operations(p, rng):
    """heapify of 30,000 values, then 30,000 inserts and 60,000 extractions (run inside the sandbox by
    support.py): an O(n) insert or extract_min (a linear scan for the minimum) is far slower."""
    h = p.new("MinHeap.heapify", [rng.randrange(-(10**6), 10**6) for _ in range(30_000)])
    h.__len__()
    h.peek()
    p.support("churn", h, 30_000, rng.randrange(1 << 30))
    h.__len__()
    h.peek()
