"""Reference rate limiters: a token bucket per key (the seed's Lua script, with a cost and the
deduction) and a sliding window counter per key (the weighted estimate over two aligned windows)."""


class TokenBucket:
    def __init__(self, capacity, refill_per_sec) -> None:
        self.capacity = capacity
        self.rate = refill_per_sec
        self.buckets = {}  # key -> [tokens, time of the last update]

    def allow(self, key, now, cost=1) -> bool:
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = [self.capacity, now]  # a new key starts full
        tokens = min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
        bucket[1] = now
        if tokens >= cost:
            bucket[0] = tokens - cost
            return True
        bucket[0] = tokens  # a request that cannot be paid takes nothing
        return False


class SlidingWindowCounter:
    def __init__(self, limit, window) -> None:
        self.limit = limit
        self.window = window
        self.counters = {}  # key -> [start of the current window, its count, the previous window's count]

    def allow(self, key, now) -> bool:
        start = now // self.window * self.window
        counter = self.counters.get(key)
        if counter is None:
            counter = self.counters[key] = [start, 0, 0]
        if counter[0] != start:
            # the old current window becomes the previous one only if it is the window just before
            counter[2] = counter[1] if counter[0] == start - self.window else 0
            counter[0], counter[1] = start, 0
        elapsed = now - start
        # previous * (window - elapsed) / window + current < limit, multiplied by window: exact
        if counter[2] * (self.window - elapsed) + counter[1] * self.window < self.limit * self.window:
            counter[1] += 1
            return True
        return False
