# expect: RE  the textbook recursive version: RecursionError on a list 100,000 deep
def flatten(nested):
    out = []
    for item in nested:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out
