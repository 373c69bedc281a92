# expect: RE  off by one in the bound check: k == len(arr) raises ValueError on a valid input
def max_sum_subarray(arr, k):
    if k < 1 or k >= len(arr):
        raise ValueError("bad k")
    window = best = sum(arr[:k])
    for i in range(k, len(arr)):
        window += arr[i] - arr[i - k]
        best = max(best, window)
    return best
