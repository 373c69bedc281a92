# expect: WA  one point per node whatever vnodes says: the busiest of 10 nodes gets about 2-3x the mean
import bisect
import hashlib


def _position(text):
    return int(hashlib.md5(text.encode("utf-8", "surrogatepass")).hexdigest(), 16)


class HashRing:
    def __init__(self, nodes=(), vnodes=100):
        self.nodes, self.points = set(), []
        for node in nodes:
            self.add_node(node)

    def add_node(self, node):
        if node not in self.nodes:
            self.nodes.add(node)
            bisect.insort(self.points, (_position(node), node))

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
