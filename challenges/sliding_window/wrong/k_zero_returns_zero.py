# expect: WA  k == 0 (an empty window) answers 0 instead of raising ValueError
def max_sum_subarray(arr, k):
    if k < 0 or k > len(arr):
        raise ValueError("bad k")
    window = best = sum(arr[:k])
    for i in range(k, len(arr)):
        window += arr[i] - arr[i - k]
        best = max(best, window)
    return best
