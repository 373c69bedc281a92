"""Big graphs built inside the sandbox (and, for the reference, inside the judge): no wire time.

They are `Graph`s, a dict subclass, which the wire treats as an opaque object: the judge does not echo
them back after a call (comparing a 100,000-key dict echo costs the judge O(n^2) in judge.compare.exact),
so only the small graphs, passed as plain dicts, are checked for mutation.
"""


class Graph(dict):
    """A plain adjacency dict in every respect but its type."""


def chain(n):
    """0 -> 1 -> ... -> n-1, listed from 0 (so a recursive DFS from the first key goes n deep)."""
    return Graph((i, [i + 1]) for i in range(n - 1))


def wide(n, seed):
    """A random DAG of n nodes: node i has up to 3 edges to larger nodes, plus a fan-out from 0."""
    import random

    rng = random.Random(seed)
    graph = Graph({0: list(range(1, min(n, 2000)))})
    for i in range(1, n - 1):
        graph[i] = sorted({rng.randrange(i + 1, n) for _ in range(rng.randrange(4))})
    return graph
