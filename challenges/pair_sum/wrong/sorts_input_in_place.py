# expect: WA  correct pairs, but sorts the caller's list in place
def find_pairs(nums, target):
    nums.sort()
    pairs = []
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        total = nums[lo] + nums[hi]
        if total < target:
            lo += 1
        elif total > target:
            hi -= 1
        else:
            pairs.append((nums[lo], nums[hi]))
            while lo < hi and nums[lo] == pairs[-1][0]:
                lo += 1
            while lo < hi and nums[hi] == pairs[-1][1]:
                hi -= 1
    return pairs
