"""Properties of sliding_window: differential against the reference for every k (invalid ones
included, which must raise ValueError), all-negative arrays, explicit boundaries (k = 1, k = len,
k = 0, k = len + 1, empty input, the best window first or last), and a linear-time check."""
from hypothesis import strategies as st

from judge.harness import prop, scaling


@prop(st.lists(st.integers(-10, 10), max_size=20), st.integers(-2, 22), max_examples=300)
def matches_reference(p, arr, k):
    """Any list and any k: the maximum window sum, or ValueError when k < 1 or k > len(arr)."""
    p.call("max_sum_subarray", arr, k)


@prop(st.lists(st.integers(-50, 50), min_size=1, max_size=25), st.integers(0, 100), max_examples=300)
def valid_k(p, arr, i):
    """Every valid k (1 <= k <= len(arr)); the input unchanged."""
    p.call("max_sum_subarray", arr, 1 + i % len(arr))


@prop(st.lists(st.integers(-(2**70), -1), min_size=1, max_size=12), st.integers(0, 20), max_examples=150)
def all_negative(p, arr, i):
    """All sums are negative (and may be huge): the answer is never 0."""
    p.call("max_sum_subarray", arr, 1 + i % len(arr))


EDGE_CASES = [
    ([], 0), ([], 1), ([], -1), ([5], 1), ([5], 0), ([5], 2), ([-5], 1), ([0], 1),
    ([1, 2, 3], 3), ([1, 2, 3], 4), ([1, 2, 3], 0), ([1, 2, 3], -1), ([1, 2, 3], 1), ([3, 2, 1], 1),
    ([-1, -2, -3], 1), ([-3, -2, -1], 2), ([-1, -2, -3], 3), ([9, 0, 0, 0, 1], 2), ([1, 0, 0, 0, 9], 2),
    ([1, 0, 0, 0, 9], 4), ([9, 0, 0, 0, 1], 4), ([4, -10, 4], 2), ([2, 2, 2, 2], 2), ([0, 0, 0], 2),
    ([-1, 5, -1, 5, -1], 3), ([5, -1, 5, -1, 5], 3), ([2**64, -(2**64), 2**64], 2), ([-4, -4, 7], 2),
]


@prop(st.sampled_from(range(len(EDGE_CASES))), max_examples=200)
def edge_cases(p, case):
    """k at and just past both bounds, empty input, the best window first or last, all negative."""
    arr, k = EDGE_CASES[case]
    p.call("max_sum_subarray", list(arr), k)


@scaling(ratio=10)
def linear_time(p, rng):
    """100,000 numbers with k = n/2, n/3 and n: summing every window, O(n*k), is far slower than O(n)."""
    n = 100_000
    arr = [rng.randrange(-1000, 1001) for _ in range(n)]
    p.call("max_sum_subarray", arr, n // 2)
    p.call("max_sum_subarray", arr, n // 3 + rng.randrange(100))
    p.call("max_sum_subarray", arr, n)
