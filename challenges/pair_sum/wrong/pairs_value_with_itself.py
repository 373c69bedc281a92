# expect: WA  looks the complement up in the set of all values, so a single 3 pairs with itself for 6
def find_pairs(nums, target):
    values = set(nums)
    pairs = set()
    for a in values:
        b = target - a
        if b in values and a <= b:
            pairs.add((a, b))
    return list(pairs)
