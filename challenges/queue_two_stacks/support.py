"""Runs on both sides: a long workload driven inside the sandbox, so the scaling check times the
queue itself rather than one wire round trip per operation."""


def churn(q, n):
    """n enqueues, then n rounds of peek + dequeue + enqueue with the queue holding n items, then a drain.
    Every value is checked as it comes out: a wrong one raises AssertionError."""
    for i in range(n):
        q.enqueue(i)
    for i in range(n):
        if q.peek() != i:
            raise AssertionError(f"peek() gave {q.peek()!r}, expected {i}")
        if q.dequeue() != i:
            raise AssertionError(f"dequeue() number {i + 1} gave the wrong value")
        q.enqueue(n + i)
    if len(q) != n:
        raise AssertionError(f"len(q) is {len(q)}, expected {n}")
    for i in range(n, 2 * n - 1):
        if q.dequeue() != i:
            raise AssertionError(f"dequeue() number {i + 1} gave the wrong value")
    return q
