# expect: WA  tests "not the same clock" with a != b on the dicts, so {"a": 1} happens before {"a": 1, "b": 0}
class ReorderBuffer:
    def __init__(self, start_seq=0):
        self.expected = start_seq
        self.held = {}

    def receive(self, seq, msg):
        if seq < self.expected or seq in self.held:
            return []
        self.held[seq] = msg
        out = []
        while self.expected in self.held:
            out.append(self.held.pop(self.expected))
            self.expected += 1
        return out

    def pending(self):
        return len(self.held)


def vc_merge(a, b):
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in set(a) | set(b)}


def happens_before(a, b):
    keys = set(a) | set(b)
    le = all(a.get(k, 0) <= b.get(k, 0) for k in keys)
    return le and a != b


def concurrent(a, b):
    keys = set(a) | set(b)
    some_less = any(a.get(k, 0) < b.get(k, 0) for k in keys)
    some_more = any(a.get(k, 0) > b.get(k, 0) for k in keys)
    return some_less and some_more
