# expect: TLE  correct answers, but checks every index pair: O(n^2)
def find_pairs(nums, target):
    pairs = set()
    n = len(nums)
    for i in range(n):
        for j in range(i + 1, n):
            if nums[i] + nums[j] == target:
                pairs.add((min(nums[i], nums[j]), max(nums[i], nums[j])))
    return list(pairs)
