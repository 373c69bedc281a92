"""Runs on both sides: scenarios that drive a limiter inside the sandbox and report plain facts —
whether any window admitted more than the bound, and a long workload for the scaling check."""


def _bool(value, what):
    if type(value) is not bool:
        raise TypeError(f"{what} returned {type(value).__name__} {value!r}, expected a bool")
    return value


def token_bucket_bound(bucket, capacity, rate, requests):
    """Runs (key, now, cost) requests; None when, for every key and every interval [t_i, t_j] between two
    admitted requests, the admitted costs sum to at most capacity + (t_j - t_i) * rate (the bucket
    holds at most `capacity` at t_i and refills at most that much), else the first violation."""
    admitted = {}
    for key, now, cost in requests:
        if _bool(bucket.allow(key, now, cost), f"allow({key!r}, {now!r}, {cost!r})"):
            admitted.setdefault(key, []).append((now, cost))
    for key, events in admitted.items():
        for i, (start, _) in enumerate(events):
            total = 0
            for end, cost in events[i:]:
                total += cost
                if total > capacity + (end - start) * rate:
                    return (f"key {key!r} was admitted cost {total} in [{start}, {end}], more than "
                            f"capacity + elapsed * rate = {capacity + (end - start) * rate}")
    return None


def sliding_window_bound(limiter, limit, window, requests):
    """Runs (key, now) requests; None when no key has more than `limit` admitted requests in one aligned
    window [k * window, (k + 1) * window), else the first violation."""
    counts = {}
    for key, now in requests:
        if _bool(limiter.allow(key, now), f"allow({key!r}, {now!r})"):
            slot = (key, now // window)
            counts[slot] = counts.get(slot, 0) + 1
            if counts[slot] > limit:
                return f"key {key!r}: {counts[slot]} requests admitted in the window starting at {slot[1] * window}"
    return None


def churn(limiter, keys, n, with_cost):
    """n requests over `keys` keys, time advancing by 1/1024 per request; returns how many were admitted."""
    admitted = 0
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        key = x % keys
        now = i / 1024
        admitted += limiter.allow(key, now, 1 + x % 3) if with_cost else limiter.allow(key, now)
    return admitted
