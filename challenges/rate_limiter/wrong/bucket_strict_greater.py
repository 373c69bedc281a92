# expect: WA  admits only when tokens > cost, so exactly enough tokens is refused
class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = {}
        self.last = {}

    def allow(self, key, now, cost=1):
        if key not in self.tokens:
            self.tokens[key] = self.capacity
            self.last[key] = now
        tokens = min(self.capacity, self.tokens[key] + (now - self.last[key]) * self.rate)
        self.last[key] = now
        if tokens > cost:
            tokens -= cost
            self.tokens[key] = tokens
            return True
        self.tokens[key] = tokens
        return False


class SlidingWindowCounter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.state = {}  # key -> (window index, current count, previous count)

    def allow(self, key, now):
        index = int(now // self.window)
        old_index, current, previous = self.state.get(key, (index, 0, 0))
        if index != old_index:
            previous = current if index == old_index + 1 else 0
            current = 0
        elapsed = now - index * self.window
        estimate = previous * (self.window - elapsed) / self.window + current
        if estimate < self.limit:
            current += 1
            self.state[key] = (index, current, previous)
            return True
        self.state[key] = (index, current, previous)
        return False
