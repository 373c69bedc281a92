# expect: WA  k > len(arr) returns the sum of the whole list instead of raising ValueError
def max_sum_subarray(arr, k):
    if k < 1:
        raise ValueError("bad k")
    window = best = sum(arr[:k])
    for i in range(k, len(arr)):
        window += arr[i] - arr[i - k]
        best = max(best, window)
    return best
