# expect: RE  max() of an empty list raises
def running_max(xs):
    best = xs[0]
    out = []
    for x in xs:
        best = max(best, x)
        out.append(best)
    return out
