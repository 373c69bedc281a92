# expect: WA  uses the input itself as the work list, popping from it and splicing sublists in
def flatten(nested):
    out = []
    while nested:
        item = nested.pop(0)
        if isinstance(item, list):
            nested[:0] = item
        else:
            out.append(item)
    return out
