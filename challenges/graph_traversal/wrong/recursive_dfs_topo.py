# expect: RE  topological order by recursive DFS: a 100,000-node chain exceeds the recursion limit
from collections import deque


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    if goal not in parent:
        return None
    path = [goal]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]


def topological_order(graph):
    state, order = {}, []

    def visit(node):
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise ValueError("cycle")
            if nxt not in state:
                visit(nxt)
        state[node] = 2
        order.append(node)

    for node in list(graph):
        if node not in state:
            visit(node)
    for targets in graph.values():
        for v in targets:
            if v not in state:
                visit(v)
    return order[::-1]
