# expect: WA  accepts vnodes < 1: a ring whose nodes have no points, instead of a ValueError
import bisect
import hashlib


def _position(text):
    # surrogatepass: every str has bytes to hash, lone surrogates ("\ud800") included
    return int.from_bytes(hashlib.md5(text.encode("utf-8", "surrogatepass")).digest(), "big")


class HashRing:
    def __init__(self, nodes=(), vnodes=100):
        self.vnodes = vnodes
        self.nodes = set()
        self.points = []  # sorted (position, node)
        for node in nodes:
            self.add_node(node)

    def add_node(self, node):
        if node in self.nodes:
            return
        self.nodes.add(node)
        for i in range(self.vnodes):
            bisect.insort(self.points, (_position(f"{node}#{i}"), node))

    def remove_node(self, node):
        if node not in self.nodes:
            raise KeyError(node)
        self.nodes.discard(node)
        self.points = [point for point in self.points if point[1] != node]

    def get_node(self, key):
        if not self.points:
            raise ValueError("the ring is empty")
        index = bisect.bisect_left(self.points, (_position(key),))
        return self.points[index % len(self.points)][1]
