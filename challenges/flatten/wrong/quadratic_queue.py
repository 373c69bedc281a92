# expect: TLE  correct answers, but list.pop(0) on a work list makes wide inputs O(n^2)
def flatten(nested):
    out = []
    work = list(nested)
    while work:
        item = work.pop(0)
        if isinstance(item, list):
            work[:0] = item
        else:
            out.append(item)
    return out
