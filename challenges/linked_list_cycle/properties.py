"""Properties of linked_list_cycle: lists are built inside the sandbox by support.py (a returned node
is an opaque handle, so its identity is checked there with `index_of`), every program ends with a
`snapshot` of the list (values and where the last node points) so a solution that marks nodes by
rewriting val or next is caught, and one long list calibrates the memory limit: Floyd's two pointers
fit, a set (or dict) of visited nodes does not."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

LONG = 700_000  # just past a set resize: a set of these nodes takes a 2**21-slot table (32 MiB)


@st.composite
def lists(draw, max_size=40):
    """Values from a small range (repeats are common, so values never identify a node) and a cycle
    position: None (acyclic) or any index, the head and the tail included."""
    values = draw(st.lists(st.integers(-3, 3), max_size=max_size))
    cycle_at = draw(st.one_of(st.none(), st.integers(0, len(values) - 1))) if values else None
    return values, cycle_at


def check(p, values, cycle_at, start_first=False):
    """has_cycle and cycle_start on one list (in either order), the start's identity, then the list."""
    head = p.support("make_list", values, cycle_at)
    if not start_first:
        p.call("has_cycle", head)
    start = p.new("cycle_start", head)
    p.helper("index_of", head, start, len(values))
    if start_first:
        p.call("has_cycle", head)
    p.helper("snapshot", head, len(values))


@prop(lists(), st.booleans(), max_examples=300)
def matches_reference(p, case, start_first):
    """Any list up to 40 nodes, acyclic or with a cycle back to any node: the answer, the very node
    where the cycle starts (not a node with the same value), and the list left as it was."""
    check(p, *case, start_first=start_first)


@prop(st.integers(1, 60), st.integers(1, 60), max_examples=150)
def tail_and_cycle_lengths(p, tail, cycle):
    """Every combination of a tail of 1..60 nodes before the cycle and a cycle of 1..60 nodes, values
    all equal: where the pointers meet varies with both lengths."""
    check(p, [7] * (tail + cycle), tail)
    check(p, list(range(tail + cycle)), tail - 1)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """No nodes, one node with and without a self-loop, two nodes each way, a cycle through the whole
    list (back to the head), the tail pointing at itself, and lists of odd and even length."""
    for values, cycle_at in [([], None), ([1], None), ([1], 0), ([1, 2], None), ([1, 2], 0), ([1, 2], 1),
                             ([1, 2, 3], None), ([1, 2, 3], 0), ([1, 2, 3], 2), ([1, 2, 3, 4], None),
                             ([1, 2, 3, 4], 0), ([1, 2, 3, 4], 1), ([5, 5, 5, 5, 5], 0), ([0] * 9, 8)]:
        check(p, values, cycle_at)
        check(p, values, cycle_at, start_first=True)


@scaling(ratio=5)
def long_list_constant_memory(p, rng):
    """A 700,000-node list built in the sandbox (about 35 MiB): acyclic first, then its tail linked
    back to a random node. Linear time and O(1) extra memory pass; a set of visited nodes needs
    32 to 48 MiB more and is MLE at the 72 MiB limit, a list of visited nodes searched with `in` is
    TLE, and a walk that gives up after some number of steps calls the acyclic list cyclic."""
    head = p.support("make_long", LONG, rng.randrange(1 << 30))
    p.call("has_cycle", head)
    start = p.new("cycle_start", head)
    p.helper("index_of", head, start, LONG)
    p.helper("link_tail", head, LONG, rng.randrange(LONG // 10, LONG))
    p.call("has_cycle", head)
    start = p.new("cycle_start", head)
    p.helper("index_of", head, start, LONG)
    p.helper("snapshot", head, LONG)
