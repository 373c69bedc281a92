# expect: WA  an insert strictly inside a concurrently deleted range is dropped: typed text is lost
def apply(doc, op):
    pos = op["pos"]
    if op["type"] == "insert":
        if not 0 <= pos <= len(doc) or not op["text"]:
            raise ValueError("out of range")
        return doc[:pos] + op["text"] + doc[pos:]
    if op["type"] == "delete":
        if pos < 0 or op["length"] < 1 or pos + op["length"] > len(doc):
            raise ValueError("out of range")
        return doc[:pos] + doc[pos + op["length"]:]
    raise ValueError("unknown type")


def apply_all(doc, ops):
    for op in ops:
        doc = apply(doc, op)
    return doc


def ins(pos, text):
    return {"type": "insert", "pos": pos, "text": text}


def dele(pos, length):
    return {"type": "delete", "pos": pos, "length": length}


def transform(op, against, op_wins_ties):
    if op["type"] == "insert":
        pos = op["pos"]
        if against["type"] == "insert":
            if pos > against["pos"] or (pos == against["pos"] and not op_wins_ties):
                pos += len(against["text"])
            return [ins(pos, op["text"])]
        start, end = against["pos"], against["pos"] + against["length"]
        if pos >= end:
            pos -= against["length"]
        elif pos > start:
            return []
        return [ins(pos, op["text"])]
    start, end = op["pos"], op["pos"] + op["length"]
    if against["type"] == "insert":
        at, size = against["pos"], len(against["text"])
        if at <= start:
            return [dele(start + size, op["length"])]
        if at >= end:
            return [dict(op)]
        return [dele(at + size, end - at), dele(start, at - start)]
    a_start, a_end = against["pos"], against["pos"] + against["length"]
    keep = [(s, e) for s, e in ((start, min(end, a_start)), (max(start, a_end), end)) if s < e]
    total = sum(e - s for s, e in keep)
    if not total:
        return []
    first = keep[0][0]
    if first >= a_end:
        first -= against["length"]
    return [dele(first, total)]
