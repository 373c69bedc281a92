# expect: WA  raises IndexError, not ValueError, for a k larger than the list
def max_sum_subarray(arr, k):
    if k < 1:
        raise ValueError("bad k")
    if k > len(arr):
        raise IndexError("window larger than the list")
    window = best = sum(arr[:k])
    for i in range(k, len(arr)):
        window += arr[i] - arr[i - k]
        best = max(best, window)
    return best
