# expect: WA  the seed's one-pass answer: a pair found again (repeated values) is appended again
def find_pairs(nums, target):
    seen = set()
    pairs = []
    for num in nums:
        complement = target - num
        if complement in seen:
            pairs.append((min(complement, num), max(complement, num)))
        seen.add(num)
    return pairs
