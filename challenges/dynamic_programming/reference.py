"""Reference dynamic programs, all bottom-up (tabulation), none recursive."""


def fib(n):
    if n < 0:
        raise ValueError("n must be >= 0")
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def coin_change(coins, amount):
    unreachable = float("inf")
    best = [0] + [unreachable] * amount  # best[t]: fewest coins summing to t
    for total in range(1, amount + 1):
        for coin in coins:
            if coin <= total and best[total - coin] + 1 < best[total]:
                best[total] = best[total - coin] + 1
    return -1 if best[amount] == unreachable else best[amount]


def lcs_length(a, b):
    prev = [0] * (len(b) + 1)  # prev[j]: LCS of the previous prefix of a and b[:j]
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def knapsack(weights, values, capacity):
    best = [0] * (capacity + 1)  # best[c]: the most value within weight c, items so far
    for w, v in zip(weights, values):
        for c in range(capacity, w - 1, -1):  # downwards, so each item is taken at most once
            if best[c - w] + v > best[c]:
                best[c] = best[c - w] + v
    return best[capacity]
