"""Runs on both sides: a long workload driven inside the sandbox, so the scaling check times the heap
itself rather than one wire round trip per operation."""


def churn(h, n, seed):
    """n inserts of pseudo-random values (some repeated), then every item extracted; each extracted value
    must be >= the one before and len must count down, else AssertionError."""
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        h.insert(x % 1000003 - 500000)
    size = len(h)
    previous = None
    for left in range(size, 0, -1):
        if len(h) != left:
            raise AssertionError(f"len(h) is {len(h)}, expected {left}")
        value = h.extract_min()
        if previous is not None and value < previous:
            raise AssertionError(f"extract_min() gave {value} after {previous}")
        previous = value
    return h
