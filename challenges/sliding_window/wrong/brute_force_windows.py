# expect: TLE  sums every window from scratch: O(n*k)
def max_sum_subarray(arr, k):
    if k < 1 or k > len(arr):
        raise ValueError("bad k")
    return max(sum(arr[i:i + k]) for i in range(len(arr) - k + 1))
