# expect: WA  vc_merge updates a in place and returns it: the caller's clock changes
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
    for k, v in b.items():
        a[k] = max(a.get(k, 0), v)
    return a


def happens_before(a, b):
    keys = set(a) | set(b)
    le = all(a.get(k, 0) <= b.get(k, 0) for k in keys)
    lt = any(a.get(k, 0) < b.get(k, 0) for k in keys)
    return le and lt


def concurrent(a, b):
    keys = set(a) | set(b)
    some_less = any(a.get(k, 0) < b.get(k, 0) for k in keys)
    some_more = any(a.get(k, 0) > b.get(k, 0) for k in keys)
    return some_less and some_more
