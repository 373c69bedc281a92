"""Properties of running_max: differential on random lists, and the edge cases spelled out."""
from hypothesis import strategies as st

from judge.harness import prop


@prop(st.lists(st.integers(-50, 50), max_size=30), max_examples=200)
def matches_reference(p, xs):
    """Any list, negatives and repeats included, gives the reference's prefix maxima."""
    p.call("running_max", xs)


@prop(st.just(None))
def edge_cases(p, _):
    """Empty, single, all-negative and descending lists."""
    for xs in ([], [7], [-3, -1, -2], [3, 2, 1], [1, 1, 1]):
        p.call("running_max", xs)
