"""Runs on both sides: a long out-of-order workload driven inside the sandbox, so the scaling check times
the buffer itself rather than one wire round trip per message."""


def churn(buffer, n, block):
    """Messages 0..n-1 arrive in blocks of `block`, each block in reverse order, every 3rd one twice;
    each delivery must be the next messages in order, else AssertionError. Returns the pending count."""
    expected = 0
    for base in range(0, n, block):
        for seq in range(min(base + block, n) - 1, base - 1, -1):
            for _ in range(2 if seq % 3 == 0 else 1):
                for msg in buffer.receive(seq, f"m{seq}"):
                    if msg != f"m{expected}":
                        raise AssertionError(f"delivered {msg!r}, expected 'm{expected}'")
                    expected += 1
    if expected != n:
        raise AssertionError(f"delivered {expected} messages, expected {n}")
    return buffer.pending()
