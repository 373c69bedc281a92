# expect: WA  remove_node forgets the node but leaves its points on the ring: removed nodes still answer
import bisect
import hashlib


def _position(text):
    return int(hashlib.md5(text.encode("utf-8", "surrogatepass")).hexdigest(), 16)


class HashRing:
    def __init__(self, nodes=(), vnodes=100):
        self.vnodes, self.nodes, self.points = vnodes, set(), []
        for node in nodes:
            self.add_node(node)

    def add_node(self, node):
        if node not in self.nodes:
            self.nodes.add(node)
            for i in range(self.vnodes):
                point = (_position(f"{node}#{i}"), node)
                if point not in self.points:
                    bisect.insort(self.points, point)

    def remove_node(self, node):
        if node not in self.nodes:
            raise KeyError(node)
        self.nodes.remove(node)

    def get_node(self, key):
        if not self.nodes:
            raise ValueError("empty ring")
        i = bisect.bisect_left(self.points, (_position(key),))
        return self.points[i % len(self.points)][1]
