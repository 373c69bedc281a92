# expect: WA  depth-first search finds a path, but not always a shortest one
def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = {start: None}
    stack = [start]
    while stack:
        node = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt in parent:
                continue
            parent[nxt] = node
            if nxt == goal:
                path = [goal]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1]
            stack.append(nxt)
    return None


def topological_order(graph):
    nodes = list(graph)
    for targets in graph.values():
        for v in targets:
            if v not in graph and v not in nodes:
                nodes.append(v)
    state, order = {}, []
    for root in nodes:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(graph.get(root, ())))]
        while stack:
            node, it = stack[-1]
            for nxt in it:
                if state.get(nxt) == 1:
                    raise ValueError("cycle")
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(graph.get(nxt, ()))))
                    break
            else:
                stack.pop()
                state[node] = 2
                order.append(node)
    return order[::-1]
