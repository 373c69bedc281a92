# expect: WA  sorts the caller's list in place
def running_max(xs):
    out, best = [], None
    for x in xs:
        best = x if best is None else max(best, x)
        out.append(best)
    xs.sort()
    return out
