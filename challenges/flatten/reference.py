"""Reference flatten: an explicit stack of iterators, so depth is bounded by memory, not recursion."""


def flatten(nested: list) -> list:
    out = []
    stack = [iter(nested)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))  # descend; the outer iterator resumes where it stopped
                break
            out.append(item)
        else:
            stack.pop()  # this list is exhausted
    return out
