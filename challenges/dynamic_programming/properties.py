"""Properties of dynamic_programming: differential against the reference for fib, coin_change,
lcs_length and knapsack on small generated inputs and hand-picked edge cases (zero, empty inputs,
impossible amounts, inputs where greedy fails, items that fit exactly, weightless items), the
largest n for fib, and a polynomial-time check on the stated maximum sizes."""
from hypothesis import strategies as st

from judge.harness import prop, scaling


@prop(st.integers(0, 120), max_examples=100)
def fib_small(p, n):
    """fib(n) for n up to 120 (past where a float formula loses exactness), and its neighbours."""
    p.call("fib", n)
    p.call("fib", n + 1)


@prop(st.sampled_from([0, 1, 2, 3, 70, 71, 78, 79, 93, 1000, 9_999, 10_000]), max_examples=12)
def fib_edges(p, n):
    """Both base cases, the float and 64-bit boundaries, and the largest n (a 2,090-digit result)."""
    p.call("fib", n)


@prop(st.integers(-5, -1), max_examples=5)
def fib_negative(p, n):
    """A negative n raises ValueError."""
    p.call("fib", n)


coins = st.lists(st.integers(1, 12), max_size=5)


@prop(coins, st.integers(0, 60), max_examples=300)
def coin_change_matches(p, cs, amount):
    """Any coin list (duplicates, unsorted, coins above the amount, empty) and amount (0 included)."""
    p.call("coin_change", cs, amount)


@prop(st.sampled_from([
    ([1, 3, 4], 6), ([1, 5, 6, 9], 11), ([2], 3), ([2], 4), ([5, 10], 3), ([], 0), ([], 7), ([7], 0),
    ([1], 1), ([1], 10), ([3, 7], 11), ([2, 5, 10, 1], 27), ([186, 419, 83, 408], 6249), ([9, 6, 5, 1], 11),
    ([4, 4, 4], 8), ([10000], 10000), ([10000], 9999), ([2, 3], 1), ([25, 10, 1], 30), ([1, 2], 10_000),
]), max_examples=40)
def coin_change_edges(p, case):
    """Greedy-breaking coin sets, impossible and zero amounts, a single coin, the largest amount."""
    p.call("coin_change", *case)


@prop(st.text("abc", max_size=12), st.text("abc", max_size=12), max_examples=300)
def lcs_matches(p, a, b):
    """Short strings over a 3-letter alphabet: many common subsequences, "" included."""
    p.call("lcs_length", a, b)
    p.call("lcs_length", b, a)


@prop(st.sampled_from([
    ("", ""), ("", "abc"), ("abc", ""), ("abc", "abc"), ("abcde", "ace"), ("abc", "def"), ("aaaa", "aa"),
    ("ABC", "abc"), ("\u00e9t\u00e9", "ete"), ("\U0001F600a\U0001F600", "\U0001F600\U0001F600"), ("xaybz", "abz"),
    ("abcbdab", "bdcaba"), ("a" * 1000, "a" * 1000), ("ab" * 500, "ba" * 500),
]), max_examples=30)
def lcs_edges(p, case):
    """Empty strings, identical strings, no common character, case and Unicode, the largest lengths."""
    p.call("lcs_length", *case)


@st.composite
def knapsack_inputs(draw):
    n = draw(st.integers(0, 8))
    weights = draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))
    values = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    return weights, values, draw(st.integers(0, 30))


@prop(knapsack_inputs(), max_examples=300)
def knapsack_matches(p, case):
    """Up to 8 items with weights 0..10 (weightless items too), values 0..20, capacity 0..30."""
    p.call("knapsack", *case)


@prop(st.sampled_from([
    ([], [], 0), ([], [], 10), ([5], [10], 5), ([5], [10], 4), ([1, 1, 1], [1, 2, 3], 2), ([0, 0], [4, 5], 0),
    ([3], [7], 10), ([2, 3, 4, 5], [3, 4, 5, 6], 5), ([10, 20, 30], [60, 100, 120], 50), ([1] * 5, [1] * 5, 3),
    ([4, 4, 5], [5, 5, 9], 8), ([10_000], [1_000_000], 10_000), ([6, 3, 3], [10, 6, 6], 6),
]), max_examples=30)
def knapsack_edges(p, case):
    """No items, an item that fits exactly or by one too much, weightless items, take-once checks."""
    p.call("knapsack", *case)


@scaling(ratio=6)
def polynomial_time(p, rng):
    """fib(10,000), coin change with 20 coins to 10,000, LCS of two 600-character strings, and
    knapsack of 50 items within 5,000: all O(n * m), none exponential."""
    seed = rng.randrange(2**32)
    p.call("fib", 10_000)
    cs = p.support("ints", 20, 200, 1000, seed)
    p.call("coin_change", cs, 10_000)
    a, b = p.support("text", 600, "abcd", seed), p.support("text", 600, "abcd", seed + 1)
    p.call("lcs_length", a, b)
    w, v = p.support("ints", 50, 1, 500, seed), p.support("ints", 50, 0, 1000, seed + 1)
    p.call("knapsack", w, v, 5_000)
