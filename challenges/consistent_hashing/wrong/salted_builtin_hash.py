# expect: WA  reaches the builtin hash() through getattr: the mapping changes with PYTHONHASHSEED
import bisect
import builtins

_h = "ha" + "sh"


def _position(text):
    return getattr(builtins, _h)(text)


class HashRing:
    def __init__(self, nodes=(), vnodes=100):
        self.vnodes, self.nodes, self.points = vnodes, set(), []
        for node in nodes:
            self.add_node(node)

    def add_node(self, node):
        if node not in self.nodes:
            self.nodes.add(node)
            for i in range(self.vnodes):
                bisect.insort(self.points, (_position(f"{node}#{i}"), node))

    def remove_node(self, node):
        if node not in self.nodes:
            raise KeyError(node)
        self.nodes.remove(node)
        self.points = [p for p in self.points if p[1] != node]

    def get_node(self, key):
        if not self.points:
            raise ValueError("empty ring")
        i = bisect.bisect_left(self.points, (_position(key),))
        return self.points[i % len(self.points)][1]
