"""Reference chat ordering: a reorder buffer keyed by sequence number (the seed's "sequence numbers to
handle out-of-order delivery") and vector clocks (the seed's "vector clocks for conflict resolution")."""


class ReorderBuffer:
    def __init__(self, start_seq: int = 0) -> None:
        self.next_seq = start_seq  # the next sequence number to deliver
        self.buffer = {}           # seq -> message, every seq > next_seq

    def receive(self, seq: int, msg) -> list:
        if seq < self.next_seq or seq in self.buffer:
            return []  # already delivered, or a duplicate: the first copy wins
        self.buffer[seq] = msg
        delivered = []
        while self.next_seq in self.buffer:
            delivered.append(self.buffer.pop(self.next_seq))
            self.next_seq += 1
        return delivered

    def pending(self) -> int:
        return len(self.buffer)


def vc_merge(a: dict, b: dict) -> dict:
    merged = dict(a)
    for node, count in b.items():
        merged[node] = max(merged.get(node, 0), count)
    return merged


def _leq(a: dict, b: dict) -> bool:
    return all(count <= b.get(node, 0) for node, count in a.items())


def happens_before(a: dict, b: dict) -> bool:
    return _leq(a, b) and not _leq(b, a)


def concurrent(a: dict, b: dict) -> bool:
    return not _leq(a, b) and not _leq(b, a)
