# expect: RE  children in a 26-slot array indexed by ord(ch) - ord("a"): any character past "z" raises IndexError
class Node:
    __slots__ = ("children", "end")

    def __init__(self):
        self.children = [None] * 26
        self.end = False


class Trie:
    def __init__(self):
        self.root = Node()
        self.count = 0

    def insert(self, word):
        node = self.root
        for ch in word:
            i = ord(ch) - ord("a")
            if node.children[i] is None:
                node.children[i] = Node()
            node = node.children[i]
        node.end = True
        self.count += 1

    def _walk(self, text):
        node = self.root
        for ch in text:
            node = node.children[ord(ch) - ord("a")]
            if node is None:
                return None
        return node

    def search(self, word):
        node = self._walk(word)
        return node is not None and node.end

    def starts_with(self, prefix):
        node = self._walk(prefix)
        return node is not None and (node.end or any(c is not None for c in node.children))
