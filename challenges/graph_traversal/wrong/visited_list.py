# expect: TLE  BFS keeps the visited nodes in a list: each membership test is O(V), O(V^2) in all
from collections import deque


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = {start: start}
    seen = [start]
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt in seen:
                continue
            seen.append(nxt)
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
    if len(order) < len(indegree):
        raise ValueError("the graph has a cycle")
    return order
