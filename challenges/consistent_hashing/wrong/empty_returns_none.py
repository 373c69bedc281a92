# expect: WA  get_node on an empty ring returns None instead of raising ValueError
import bisect
import hashlib


def _position(text):
    return int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:8], "big")


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
            return None
        i = bisect.bisect_left(self.points, (_position(key),))
        return self.points[i % len(self.points)][1]
