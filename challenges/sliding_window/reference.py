"""Reference sliding window: the first window's sum, then add the entering and drop the leaving element."""


def max_sum_subarray(arr: list[int], k: int) -> int:
    if k < 1 or k > len(arr):
        raise ValueError("k must satisfy 1 <= k <= len(arr)")
    window = sum(arr[:k])
    best = window
    for i in range(k, len(arr)):
        window += arr[i] - arr[i - k]
        best = max(best, window)
    return best
