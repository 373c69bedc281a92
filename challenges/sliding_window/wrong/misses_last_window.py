# expect: WA  off by one: the loop stops before the last window
def max_sum_subarray(arr, k):
    if k < 1 or k > len(arr):
        raise ValueError("bad k")
    window = best = sum(arr[:k])
    for i in range(k, len(arr) - 1):
        window += arr[i] - arr[i - k]
        best = max(best, window)
    return best
