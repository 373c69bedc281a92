"""A correct chat_ordering whose vc_merge keeps no zero entries: vc_merge({}, {"a": 0}) is {}, the
same clock as {"a": 0} by the spec's own rule (a missing entry means 0)."""


class ReorderBuffer:
    def __init__(self, start_seq=0):
        self.next_seq = start_seq
        self.held = {}

    def receive(self, seq, msg):
        if seq < self.next_seq or seq in self.held:
            return []
        self.held[seq] = msg
        out = []
        while self.next_seq in self.held:
            out.append(self.held.pop(self.next_seq))
            self.next_seq += 1
        return out

    def pending(self):
        return len(self.held)


def vc_merge(a, b):
    return {node: max(a.get(node, 0), b.get(node, 0)) for node in {**a, **b} if a.get(node, 0) or b.get(node, 0)}


def _leq(a, b):
    return all(count <= b.get(node, 0) for node, count in a.items())


def happens_before(a, b):
    return _leq(a, b) and not _leq(b, a)


def concurrent(a, b):
    return not _leq(a, b) and not _leq(b, a)
