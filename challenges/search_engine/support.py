"""Runs on both sides: a bulk workload driven inside the sandbox for the timing check."""


def _text(rng_state, words, vocabulary):
    out = []
    for _ in range(words):
        rng_state = (rng_state * 1103515245 + 12345) % 2147483648
        # a skewed draw: low word numbers are common, high ones rare
        out.append(f"w{(rng_state >> 8) % vocabulary * ((rng_state >> 4) % 7 + 1) // 7}")
    return " ".join(out), rng_state


def bulk(index, docs, queries, seed):
    """Adds `docs` documents of 4-15 words over a 20,000-word vocabulary, re-adds a tenth of them and
    removes a twentieth, then runs `queries` two-word searches (mostly rare words) and phrase
    searches. Returns the total number of results, which depends only on which documents match."""
    state = seed
    for i in range(docs):
        text, state = _text(state, 4 + state % 12, 20_000)
        index.add(f"doc{i}", text)
    for i in range(0, docs, 10):
        text, state = _text(state, 8, 20_000)
        index.add(f"doc{i}", text)
    for i in range(5, docs, 20):
        index.remove(f"doc{i}")
    total = 0
    for _ in range(queries):
        state = (state * 1103515245 + 12345) % 2147483648
        query = f"w{(state >> 3) % 20_000} W{(state >> 7) % 20_000}"
        total += len(index.search(query, 10))
        total += len(index.phrase_search(query))
    return total
