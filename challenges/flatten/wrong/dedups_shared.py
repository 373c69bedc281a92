# expect: WA  remembers visited sublists by id() (a cycle guard) and skips a sublist seen before
def flatten(nested):
    out = []
    seen = {id(nested)}
    stack = [iter(nested)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                if id(item) in seen:
                    continue
                seen.add(id(item))
                stack.append(iter(item))
                break
            out.append(item)
        else:
            stack.pop()
    return out
