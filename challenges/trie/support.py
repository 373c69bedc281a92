"""A workload driven inside the sandbox (and, for the reference, inside the judge): no wire cost per call."""


class Driver:
    def __init__(self, trie):
        self.trie = trie

    def run(self, n, seed):
        """n random words of length 12 over "abcd", then n searches and n prefix searches
        (half of them for stored words). Returns how many of each answered True, and the first 32 answers."""
        import random

        rng = random.Random(seed)
        trie = self.trie
        words = ["".join(rng.choices("abcd", k=12)) for _ in range(n)]
        for w in words:
            trie.insert(w)
        found = prefixed = 0
        answers = []
        for i in range(n):
            w = words[rng.randrange(n)] if i % 2 else "".join(rng.choices("abcd", k=12))
            a = trie.search(w)
            b = trie.starts_with(w[: rng.randrange(6, 13)] + ("" if i % 4 else "e"))
            found += a is True
            prefixed += b is True
            if i < 32:
                answers.append((a, b))
        return found, prefixed, answers
