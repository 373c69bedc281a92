# expect: WA  finds imports with a line regex, not the syntax tree: an import line inside a docstring or a multi-line string invents a dependency
import os
import re


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


_IMPORT = re.compile(r"^\s*import\s+(.+)$")
_FROM = re.compile(r"^\s*from\s+(\.*)([\w.]*)\s+import\s+(.+)$")


def _names(text):
    """The names of `a as x, b` (an import list, its comment cut off)."""
    return [part.split(" as ")[0].strip() for part in text.split("#")[0].strip("() ").split(",") if part.strip()]


def _imports(source, package, modules):
    for line in source.splitlines():  # one import per line: no need for the whole syntax tree
        match = _IMPORT.match(line)
        if match:
            yield from _names(match.group(1))
            continue
        match = _FROM.match(line)
        if not match:
            continue
        dots, base, names = len(match.group(1)), match.group(2), match.group(3)
        if dots:
            parts = package.split(".")
            if dots > len(parts):
                continue  # climbs above the root
            base = ".".join(parts[:len(parts) - dots + 1] + ([base] if base else []))
        for name in _names(names):
            sub = f"{base}.{name}"
            yield sub if sub in modules else base


def find_import_cycles(root: str) -> list[list[str]]:
    modules = _modules(os.path.abspath(root))
    graph = {}
    for name, (path, is_package) in modules.items():
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        package = name if is_package else name.rpartition(".")[0]
        graph[name] = {m for m in _imports(source, package, modules) if m in modules}
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
