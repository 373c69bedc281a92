# expect: TLE  correct mapping, but get_node scans every point instead of a binary search
import hashlib


def _position(text):
    return int.from_bytes(hashlib.md5(text.encode("utf-8", "surrogatepass")).digest(), "big")


class HashRing:
    def __init__(self, nodes=(), vnodes=100):
        if vnodes < 1:
            raise ValueError("vnodes must be at least 1")
        self.vnodes, self.nodes, self.points = vnodes, set(), []
        for node in nodes:
            self.add_node(node)

    def add_node(self, node):
        if node not in self.nodes:
            self.nodes.add(node)
            self.points += [(_position(f"{node}#{i}"), node) for i in range(self.vnodes)]
            self.points.sort()

    def remove_node(self, node):
        if node not in self.nodes:
            raise KeyError(node)
        self.nodes.remove(node)
        self.points = [p for p in self.points if p[1] != node]

    def get_node(self, key):
        if not self.points:
            raise ValueError("empty ring")
        target = _position(key)
        for position, node in self.points:
            if position >= target:
                return node
        return self.points[0][1]
