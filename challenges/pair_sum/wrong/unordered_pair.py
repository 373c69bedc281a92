# expect: WA  pairs come out as (earlier complement, later value), not as (smaller, larger)
def find_pairs(nums, target):
    seen = set()
    pairs = set()
    for num in nums:
        complement = target - num
        if complement in seen and (num, complement) not in pairs:
            pairs.add((complement, num))
        seen.add(num)
    return list(pairs)
