"""A correct graph_traversal written with the standard library: graphlib raises CycleError, a
subclass of ValueError, on a cycle; the spec says "raises ValueError"."""
from collections import deque
from graphlib import TopologicalSorter


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    previous = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in previous:
                previous[nxt] = node
                if nxt == goal:
                    path = [goal]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])
                    return path[::-1]
                queue.append(nxt)
    return None


def topological_order(graph):
    sorter = TopologicalSorter()
    for node, targets in graph.items():
        sorter.add(node)
        for nxt in targets:
            sorter.add(nxt, node)
    return list(sorter.static_order())
