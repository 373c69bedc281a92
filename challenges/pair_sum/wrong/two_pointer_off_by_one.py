# expect: WA  sorted two pointers that stop one step early (lo < hi - 1) and miss the middle pair
def find_pairs(nums, target):
    values = sorted(nums)
    pairs = []
    lo, hi = 0, len(values) - 1
    while lo < hi - 1:
        total = values[lo] + values[hi]
        if total < target:
            lo += 1
        elif total > target:
            hi -= 1
        else:
            pairs.append((values[lo], values[hi]))
            while lo < hi and values[lo] == pairs[-1][0]:
                lo += 1
            while lo < hi and values[hi] == pairs[-1][1]:
                hi -= 1
    return pairs
