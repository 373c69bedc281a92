# expect: WA  insert("") is ignored, so search("") stays False (an early return for empty input)
class Trie:
    def __init__(self):
        self.root = {}

    def insert(self, word):
        if not word:
            return
        node = self.root
        for ch in word:
            node = node.setdefault(ch, {})
        node["$end"] = True

    def _walk(self, text):
        node = self.root
        for ch in text:
            if ch not in node:
                return None
            node = node[ch]
        return node

    def search(self, word):
        node = self._walk(word)
        return node is not None and "$end" in node

    def starts_with(self, prefix):
        node = self._walk(prefix)
        return node is not None and len(node) > 0
