# expect: WA  Kahn's algorithm without the final check: a cyclic graph returns a partial order
from collections import deque


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt in parent:
                continue
            parent[nxt] = node
            if nxt == goal:
                path = [goal]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                path.reverse()
                return path
            queue.append(nxt)
    return None


def topological_order(graph):
    indegree = {}
    for node, targets in graph.items():
        indegree.setdefault(node, 0)
        for nxt in targets:
            indegree[nxt] = indegree.get(nxt, 0) + 1
    ready = deque(node for node, degree in indegree.items() if degree == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for nxt in graph.get(node, ()):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return order
