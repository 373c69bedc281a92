# expect: WA  places virtual nodes at random.random() positions: two servers disagree on the mapping
import bisect
import hashlib
import random


def _position(text):
    return int(hashlib.md5(text.encode("utf-8", "surrogatepass")).hexdigest(), 16) / 2.0**128


class HashRing:
    def __init__(self, nodes=(), vnodes=100):
        self.vnodes, self.nodes, self.points = vnodes, set(), []
        for node in nodes:
            self.add_node(node)

    def add_node(self, node):
        if node not in self.nodes:
            self.nodes.add(node)
            for _ in range(self.vnodes):
                bisect.insort(self.points, (random.random(), node))

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
