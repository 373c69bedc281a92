# expect: WA  sha1(key) % len(nodes): adding a node remaps most keys to old nodes too
import hashlib


class HashRing:
    def __init__(self, nodes=(), vnodes=100):
        self.nodes = []
        for node in nodes:
            self.add_node(node)

    def add_node(self, node):
        if node not in self.nodes:
            self.nodes.append(node)
            self.nodes.sort()

    def remove_node(self, node):
        self.nodes.remove(node) if node in self.nodes else (_ for _ in ()).throw(KeyError(node))

    def get_node(self, key):
        if not self.nodes:
            raise ValueError("empty ring")
        return self.nodes[int(hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest(), 16) % len(self.nodes)]
