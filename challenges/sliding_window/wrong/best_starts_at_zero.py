# expect: WA  the running maximum starts at 0, so an all-negative array answers 0
def max_sum_subarray(arr, k):
    if k < 1 or k > len(arr):
        raise ValueError("bad k")
    window = sum(arr[:k])
    best = max(0, window)
    for i in range(k, len(arr)):
        window += arr[i] - arr[i - k]
        best = max(best, window)
    return best
