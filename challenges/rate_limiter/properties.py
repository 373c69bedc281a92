"""Properties of rate_limiter: both limiters differential against the reference on random request
sequences (several keys, times that never go backwards, repeated instants, long gaps), with times as
multiples of 1/1024 so every correct implementation computes exactly; boundary cases where the
tokens or the weighted estimate land exactly on the threshold; a bound no window may exceed; and an
O(1)-per-request check over many keys."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

keys = st.sampled_from(["a", "b", "c", 7])
steps = st.one_of(st.just(0), st.integers(1, 64), st.integers(1, 4096), st.integers(1, 40_000))  # in 1/1024 s
starts = st.one_of(st.just(0), st.integers(0, 2**24))  # in 1/1024 s
rates = st.one_of(st.sampled_from([0, 1, 2, 3, 10, 0.5, 0.25, 1.5]), st.integers(1, 4096).map(lambda k: k / 1024))
capacities = st.one_of(st.integers(1, 6), st.sampled_from([2.5, 0.75]))
windows = st.one_of(st.sampled_from([1, 2, 3, 5, 60, 0.75, 1.5, 2.5]), st.integers(1, 8192).map(lambda k: k / 1024))
costs = st.one_of(st.none(), st.integers(1, 7), st.sampled_from([0.5, 2.25]))


def timeline(start, ops):
    """Turns (key, step, extra) into (key, now, extra) with now = (start + steps so far) / 1024."""
    ticks, out = start, []
    for key, step, extra in ops:
        ticks += step
        out.append((key, ticks / 1024, extra))
    return out


@prop(capacities, rates, starts, st.lists(st.tuples(keys, steps, costs), max_size=40), max_examples=300)
def token_bucket_matches_reference(p, capacity, rate, start, ops):
    """Any request sequence: a new key starts full, refills at `rate` up to `capacity`, pays `cost`
    (default 1) when it can, and a refused request takes nothing."""
    bucket = p.new("TokenBucket", capacity, rate)
    for key, now, cost in timeline(start, ops):
        if cost is None:
            bucket.allow(key, now)
        else:
            bucket.allow(key, now, cost)


@prop(st.integers(1, 5), windows, starts, st.lists(st.tuples(keys, steps, st.none()), max_size=50),
      max_examples=300)
def sliding_window_matches_reference(p, limit, window, start, ops):
    """Any request sequence: windows aligned at multiples of `window`, the previous window weighted by
    the part of it still inside the sliding window, refused requests not counted, a window older than
    the previous one forgotten."""
    limiter = p.new("SlidingWindowCounter", limit, window)
    for key, now, _ in timeline(start, ops):
        limiter.allow(key, now)


offsets = st.one_of(st.integers(0, 1023), st.sampled_from([0, 1, 256, 341, 342, 512, 683, 768, 1023]))


@prop(st.integers(1, 4), st.sampled_from([1, 2, 3, 5, 6, 7, 10, 0.75, 1.5]), st.integers(0, 2), st.integers(0, 2),
      st.lists(offsets, min_size=1, max_size=6), st.booleans(), max_examples=250)
def sliding_window_threshold(p, limit, window, full_windows, extra, offsets_list, skip_one):
    """Boundary cases: fill windows with `limit` (+ extra, refused) requests, then probe a later window at
    offsets where previous * (window - elapsed) / window + current is close to or exactly `limit`
    (strictly below admits), or a window two later, where the previous count is 0."""
    limiter = p.new("SlidingWindowCounter", limit, window)
    for w in range(full_windows + 1):
        for _ in range(limit + extra):
            limiter.allow("k", w * window)
    base = (full_windows + 1 + skip_one) * window
    for offset in sorted(offsets_list):
        limiter.allow("k", base + window * offset / 1024)
        limiter.allow("k", base + window * offset / 1024)


@prop(st.integers(1, 4), st.sampled_from([1, 2, 3, 0.5, 0.25, 1.5]), st.lists(st.integers(0, 2048), max_size=12),
      max_examples=200)
def token_bucket_threshold(p, capacity, rate, steps_list):
    """Boundary cases: drain the bucket, then ask for exactly the tokens refilled so far (tokens == cost
    admits), for more than capacity (never admitted, takes nothing) and for the rest."""
    bucket = p.new("TokenBucket", capacity, rate)
    bucket.allow("k", 0, capacity)
    bucket.allow("k", 0, 1)
    now = 0
    for step in steps_list:
        now += step / 1024
        bucket.allow("k", now, capacity + 1)
        bucket.allow("k", now, min(capacity, step / 1024 * rate) or 1)
        bucket.allow("k", now)


@prop(capacities, rates, starts, st.lists(st.tuples(keys, steps, st.integers(1, 4)), max_size=40), max_examples=150)
def token_bucket_never_exceeds_bound(p, capacity, rate, start, ops):
    """In any interval [t1, t2] a key is admitted at most capacity + (t2 - t1) * rate of cost."""
    p.helper("token_bucket_bound", p.new("TokenBucket", capacity, rate), capacity, rate, timeline(start, ops))


@prop(st.integers(1, 5), windows, starts, st.lists(st.tuples(keys, steps), max_size=50), max_examples=150)
def sliding_window_never_exceeds_bound(p, limit, window, start, ops):
    """No aligned window ever admits more than `limit` requests for one key."""
    requests = [(key, now) for key, now, _ in timeline(start, [(k, s, None) for k, s in ops])]
    p.helper("sliding_window_bound", p.new("SlidingWindowCounter", limit, window), limit, window, requests)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Keys are independent; a refused request costs nothing; refill stops at capacity; a cost above
    capacity is never admitted; the previous window counts only when it is the one just before."""
    b = p.new("TokenBucket", 2, 1)
    for key, now, cost in [("a", 0, 1), ("a", 0, 1), ("a", 0, 1), ("b", 0, 2), ("b", 0, 1), ("a", 0.5, 1),
                           ("a", 1, 1), ("a", 1, 1), ("a", 100, 3), ("a", 100, 2), ("a", 100, 1), ("a", 101, 1),
                           ("a", 101, 1), ("b", 1000, 2), ("b", 1000.5, 1), ("b", 1001, 1)]:
        b.allow(key, now, cost)
    z = p.new("TokenBucket", 1, 0)
    z.allow("x", 5)
    z.allow("x", 10**6)
    s = p.new("SlidingWindowCounter", 2, 10)
    for key, now in [("a", 0), ("a", 1), ("a", 2), ("b", 9), ("a", 10), ("a", 15), ("a", 15), ("a", 19.5),
                     ("a", 20), ("a", 25), ("a", 40), ("a", 40), ("a", 40), ("a", 55), ("a", 55)]:
        s.allow(key, now)


@scaling(ratio=8)
def constant_time_per_request(p, rng):
    """100,000 requests over 20,000 keys for each limiter (inside the sandbox): work per request must not
    grow with the number of keys or of past requests (no scan of all keys, no log of timestamps)."""
    p.helper("churn", p.new("TokenBucket", 3, 0.5), 20_000 + rng.randrange(5), 100_000, True)
    p.helper("churn", p.new("SlidingWindowCounter", 3, 2), 20_000 + rng.randrange(5), 100_000, False)
