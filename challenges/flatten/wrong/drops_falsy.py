# expect: WA  skips "empty" items with `if not item`, losing 0, "", None, False and () along with []
def flatten(nested):
    out = []
    stack = [iter(nested)]
    while stack:
        for item in stack[-1]:
            if not item:
                continue
            if isinstance(item, list):
                stack.append(iter(item))
                break
            out.append(item)
        else:
            stack.pop()
    return out
