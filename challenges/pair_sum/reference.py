"""Reference pair sum: one pass with a set of the values seen so far (the seed's answer), pairs kept in a set."""


def find_pairs(nums: list[int], target: int) -> list[tuple[int, int]]:
    seen = set()
    pairs = set()
    for b in nums:
        a = target - b
        if a in seen:
            pairs.add((min(a, b), max(a, b)))
        seen.add(b)
    return list(pairs)
