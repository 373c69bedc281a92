"""Properties of graph_traversal: shortest_path and topological_order on random small directed graphs
(cycles, self-loops, duplicate edges, nodes that only appear as neighbours, start or goal outside the
graph), random DAGs, a 100,000-node chain (deeper than any recursion limit), and linear-time checks.

Any shortest path and any topological order is accepted: the comparators check the answer against
the graph and the reference's path length / node set, not against the reference's exact answer."""
import runpy
from pathlib import Path

from hypothesis import strategies as st

from judge.harness import prop, scaling
from judge.render import show

SUPPORT = runpy.run_path(str(Path(__file__).with_name("support.py")))
CHAIN = 100_000


def valid_path(graph, start, goal):
    """A path of the reference's length from start to goal along edges of graph; None iff the reference says so."""

    def compare(expected, actual):
        if expected is None:
            return None if actual is None else f"expected None (goal unreachable), got {show(actual)}"
        if type(actual) is not list:
            return f"expected a list of {len(expected)} nodes, got {type(actual).__name__} {show(actual)}"
        if any(type(x) is not int for x in actual):
            return f"expected a list of int nodes, got {show(actual)}"
        if not actual or actual[0] != start or actual[-1] != goal:
            return f"expected a path from {start} to {goal}, got {show(actual)}"
        for u, v in zip(actual, actual[1:]):
            if v not in graph.get(u, ()):
                return f"{u} -> {v} is not an edge of the graph, in {show(actual)}"
        if len(actual) != len(expected):
            return f"expected a shortest path of {len(expected)} nodes, like {show(expected)}, got {len(actual)} nodes: {show(actual)}"
        return None

    return compare


def valid_order(graph):
    """Every node of the reference's order exactly once, and u before v for every edge u -> v."""

    def compare(expected, actual):
        if type(actual) is not list:
            return f"expected a list, got {type(actual).__name__} {show(actual)}"
        position = {}
        for i, x in enumerate(actual):
            if type(x) is not int:
                return f"expected int nodes, got {show(x)} at index {i}"
            if x in position:
                return f"node {x} appears twice (at {position[x]} and {i})"
            position[x] = i
        for x in expected:
            if x not in position:
                return f"node {x} is missing from the order"
        if len(actual) != len(expected):
            extra = next(x for x in actual if x not in set(expected))
            return f"node {extra} is not in the graph"
        for u, targets in graph.items():
            for v in targets:
                if position[u] > position[v]:
                    return f"{v} comes before {u}, but {u} -> {v} is an edge"
        return None

    return compare


nodes = st.integers(0, 7)
graphs = st.dictionaries(nodes, st.lists(nodes, max_size=4), max_size=8)


@st.composite
def dags(draw, max_nodes=9):
    """A DAG whose node order is hidden: edges go from lower to higher rank under a random ranking."""
    n = draw(st.integers(0, max_nodes))
    labels = draw(st.permutations(list(range(-2, n - 2))))
    edges = draw(st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=14))
    graph = {}
    for a, b in edges:
        if n and a != b:
            u, v = labels[min(a, b)], labels[max(a, b)]
            graph.setdefault(u, []).append(v)
    for extra in draw(st.lists(st.sampled_from(labels), max_size=3)) if n else []:
        graph.setdefault(extra, [])
    return {u: graph[u] for u in draw(st.permutations(list(graph)))}  # keys in a random order


def path(p, graph, start, goal):
    p.call("shortest_path", graph, start, goal).compare(valid_path(graph, start, goal))


def order(p, graph):
    p.call("topological_order", graph).compare(valid_order(graph))


@prop(graphs, st.integers(0, 8), st.integers(0, 8), max_examples=300)
def shortest_path_matches(p, graph, start, goal):
    """Any small directed graph (cycles, self-loops, repeated edges); start and goal maybe outside it."""
    path(p, graph, start, goal)
    path(p, graph, goal, start)


@prop(graphs, max_examples=200)
def topological_order_or_cycle(p, graph):
    """Any small directed graph: a valid order of all nodes, or ValueError when there is a cycle."""
    order(p, graph)


@prop(dags(), st.integers(-2, 8), st.integers(-2, 8), max_examples=200)
def dags_have_an_order(p, graph, start, goal):
    """Acyclic graphs always have an order; every node that only appears as a neighbour is in it."""
    order(p, graph)
    path(p, graph, start, goal)


@prop(dags(), st.integers(0, 20), max_examples=100)
def one_back_edge_makes_a_cycle(p, graph, pick):
    """A DAG plus one edge back along an existing path (or a self-loop) has a cycle: ValueError."""
    edges = [(u, v) for u, targets in graph.items() for v in targets]
    cyclic = {u: list(targets) for u, targets in graph.items()}
    if edges:
        u, v = edges[pick % len(edges)]
        cyclic.setdefault(v, []).append(u)
    else:
        cyclic[pick] = [pick]
    order(p, cyclic)


@prop(st.sampled_from([0, 1, 5]), max_examples=3)
def edge_cases(p, k):
    """The empty graph, start == goal (even outside the graph), nodes only as neighbours, self-loops."""
    order(p, {})
    path(p, {}, k, k)
    path(p, {}, k, k + 1)
    path(p, {k: [k + 1]}, k, k + 1)
    path(p, {k: [k + 1]}, k + 1, k)
    path(p, {k: [k]}, k, k)
    order(p, {k: [k]})
    order(p, {k: [k + 1, k + 1]})
    order(p, {k + 1: [], k: [k + 1, k + 2]})
    path(p, {k: [k + 1, k + 1], k + 1: [k + 2]}, k, k + 2)
    order(p, {k: [k + 1], k + 1: [k]})
    order(p, {-1: [k], k: [-1]})
    path(p, {-1: [k], k: [-1]}, -1, k)


@prop(st.sampled_from(["forward", "backward"]), max_examples=2)
def chain_deeper_than_recursion(p, direction):
    """A chain 0 -> 1 -> ... -> 99,999: far past the recursion limit, so recursion is a RuntimeError (RE)."""
    graph = SUPPORT["chain"](CHAIN)
    g = p.support("chain", CHAIN)
    if direction == "forward":
        p.call("shortest_path", g, 0, CHAIN - 1).compare(valid_path(graph, 0, CHAIN - 1))
    else:
        p.call("shortest_path", g, CHAIN - 1, 0).compare(valid_path(graph, CHAIN - 1, 0))
    p.call("topological_order", g).compare(valid_order(graph))


@scaling(ratio=6)
def linear_time(p, rng):
    """A random DAG of 100,000 nodes built in the sandbox: BFS from 0 to the last node and a full
    topological order must be O(V + E)."""
    n, seed = 100_000, rng.randrange(2**32)
    graph = SUPPORT["wide"](n, seed)
    g = p.support("wide", n, seed)
    p.call("shortest_path", g, 0, n - 1).compare(valid_path(graph, 0, n - 1))
    p.call("shortest_path", g, 1, 0).compare(valid_path(graph, 1, 0))
    p.call("topological_order", g).compare(valid_order(graph))
