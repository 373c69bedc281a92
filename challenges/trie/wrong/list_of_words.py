# expect: TLE  keeps a plain list of words and scans all of them on every query: O(n * L) per call
class Trie:
    def __init__(self):
        self.words = []

    def insert(self, word):
        self.words.append(word)

    def search(self, word):
        for w in self.words:
            if w == word:
                return True
        return False

    def starts_with(self, prefix):
        for w in self.words:
            if w.startswith(prefix):
                return True
        return False
