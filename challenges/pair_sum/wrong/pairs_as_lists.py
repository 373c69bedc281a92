# expect: WA  returns each pair as a list [a, b] instead of a tuple
def find_pairs(nums, target):
    seen = set()
    pairs = set()
    for num in nums:
        complement = target - num
        if complement in seen:
            pairs.add((min(complement, num), max(complement, num)))
        seen.add(num)
    return [list(pair) for pair in pairs]
