"""Reference: one pass, carrying the maximum so far."""


def running_max(xs: list[int]) -> list[int]:
    out = []
    best = None
    for x in xs:
        if best is None or x > best:
            best = x
        out.append(best)
    return out
