# expect: TLE  deduplicates with `pair not in pairs` on a list: O(n * pairs), quadratic with many pairs
def find_pairs(nums, target):
    seen = set()
    pairs = []
    for num in nums:
        complement = target - num
        if complement in seen:
            pair = (min(complement, num), max(complement, num))
            if pair not in pairs:
                pairs.append(pair)
        seen.add(num)
    return pairs
