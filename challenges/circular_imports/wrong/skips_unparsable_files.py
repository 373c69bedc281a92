# expect: WA  treats a file that does not parse as one without imports, instead of raising SyntaxError
import ast
import os


def _modules(root):
    top = os.path.basename(root)
    modules = {}
    for folder, _, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        parts = [top] if rel == "." else [top, *rel.split(os.sep)]
        for file in files:
            if file == "__init__.py":
                modules[".".join(parts)] = (os.path.join(folder, file), True)
            elif file.endswith(".py"):
                modules[".".join([*parts, file[:-3]])] = (os.path.join(folder, file), False)
    return modules


def _imports(tree, package, modules):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module
            if node.level:
                parts = package.split(".")
                if node.level > len(parts):
                    continue  # climbs above the root
                base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield sub if sub in modules else base


def find_import_cycles(root: str) -> list[list[str]]:
    modules = _modules(os.path.abspath(root))
    graph = {}
    for name, (path, is_package) in modules.items():
        with open(path, encoding="utf-8") as handle:
            try:
                tree = ast.parse(handle.read())
            except SyntaxError:
                tree = ast.Module(body=[], type_ignores=[])  # unreadable: assume it imports nothing
        package = name if is_package else name.rpartition(".")[0]
        graph[name] = {m for m in _imports(tree, package, modules) if m in modules}
    reach = {}
    for start in graph:
        seen, stack = set(), [start]
        while stack:
            for nxt in graph[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        reach[start] = seen
    cycles = set()
    for m in graph:
        group = tuple(sorted(k for k in reach[m] if m in reach[k]))
        if len(group) > 1 or m in graph[m]:
            cycles.add(group)
    return sorted(list(c) for c in cycles)
