"""Properties of pair_sum: differential against the reference (order free, each pair a tuple of two
ints with a <= b), explicit edge cases (empty, one element, a value paired with itself, duplicates,
negatives, huge ints), and a linear-time check on 100,000 numbers."""
from collections import Counter

from hypothesis import strategies as st

from judge.compare import exact, unordered
from judge.harness import prop, scaling

small = st.integers(-8, 8)  # a small range, so pairs, duplicates and self-pairs are frequent


def pairs_as_multiset(expected, actual):
    """`unordered` in linear time, for the large outputs of the scaling check."""
    if type(actual) is not list:
        return f"expected a list, got a {type(actual).__name__}"
    for item in actual:
        if type(item) is not tuple or len(item) != 2 or type(item[0]) is not int or type(item[1]) is not int:
            return exact((0, 0), item)
    want, got = Counter(expected), Counter(actual)
    if want != got:
        missing, extra = want - got, got - want
        return f"missing {next(iter(missing))}" if missing else f"unexpected {next(iter(extra))}"
    return None


@prop(st.lists(small, max_size=30), st.integers(-16, 16), max_examples=300)
def matches_reference(p, nums, target):
    """Small values: every distinct pair (a, b), a <= b, a + b == target, once; the input unchanged."""
    p.call("find_pairs", nums, target).compare(unordered)


@prop(st.lists(st.integers(-(2**64), 2**64), min_size=1, max_size=20), st.integers(0, 19), st.integers(0, 19),
      st.integers(-1, 1), max_examples=150)
def wide_values(p, nums, i, j, delta):
    """Arbitrary ints, with a target that two of the numbers reach (or miss by one)."""
    target = nums[i % len(nums)] + nums[j % len(nums)] + delta
    p.call("find_pairs", nums, target).compare(unordered)


EDGE_CASES = [
    ([], 0), ([], 7), ([5], 5), ([5], 10), ([0], 0), ([3, 3], 6), ([3, 4], 6), ([3, 3, 3], 6),
    ([0, 0], 0), ([-5, -5], -10), ([-5, 5], 0), ([1, -1, 1, -1], 0), ([2, 4, 3, 3], 6), ([4, 2], 6),
    ([1, 2, 3, 4, 5, 6], 7), ([6, 5, 4, 3, 2, 1], 7), ([1, 5, 5, 1], 6), ([1, 1, 5], 6), ([5, 1, 1], 6),
    ([-3, 9, -3, 9, 3], 6), ([7, 8], 15), ([7, 8], 14), ([7, 8], 16), ([2**63, -(2**63), 0], 0),
    ([10, 20, 30], 40), ([10, 20, 30], 50), ([10, 20, 30], 60), ([-1, -2, -3, -4], -5),
]


@prop(st.sampled_from(range(len(EDGE_CASES))), max_examples=200)
def edge_cases(p, case):
    """Empty input, one element, a value that would pair with itself, repeats, negatives, huge ints."""
    nums, target = EDGE_CASES[case]
    p.call("find_pairs", list(nums), target).compare(unordered)


@scaling(ratio=10)
def linear_time(p, rng):
    """100,000 numbers, three ways: random, a shuffled range with 50,000 pairs, and only 50 distinct values."""
    n = 100_000
    spread = [rng.randrange(-(10**6), 10**6) for _ in range(n)]
    p.call("find_pairs", spread, rng.randrange(-(10**6), 10**6)).compare(pairs_as_multiset)
    many = list(range(n))
    rng.shuffle(many)
    p.call("find_pairs", many, n - 1).compare(pairs_as_multiset)
    repeats = [rng.randrange(50) for _ in range(n)]
    p.call("find_pairs", repeats, 49).compare(pairs_as_multiset)
