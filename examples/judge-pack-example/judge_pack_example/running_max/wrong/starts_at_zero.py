# expect: WA  starts the maximum at 0, wrong for all-negative lists
def running_max(xs):
    out, best = [], 0
    for x in xs:
        best = max(best, x)
        out.append(best)
    return out
