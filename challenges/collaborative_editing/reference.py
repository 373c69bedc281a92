"""Reference operational transformation for a plain-text document: insert and delete operations,
apply, and the transform function (TP1: both orders of two concurrent operations converge)."""


def _insert(pos, text):
    return {"type": "insert", "pos": pos, "text": text}


def _delete(pos, length):
    return {"type": "delete", "pos": pos, "length": length}


def apply(doc, op):
    kind, pos = op["type"], op["pos"]
    if kind == "insert":
        if not 0 <= pos <= len(doc) or not op["text"]:
            raise ValueError(f"cannot insert at {pos} in a document of {len(doc)} characters")
        return doc[:pos] + op["text"] + doc[pos:]
    if kind == "delete":
        end = pos + op["length"]
        if pos < 0 or op["length"] < 1 or end > len(doc):
            raise ValueError(f"cannot delete [{pos}, {end}) from a document of {len(doc)} characters")
        return doc[:pos] + doc[end:]
    raise ValueError(f"unknown operation type {kind!r}")


def apply_all(doc, ops):
    for op in ops:
        doc = apply(doc, op)
    return doc


def _through_delete(pos, start, length):
    """Where position `pos` ends up once [start, start + length) is deleted (inside it: at start)."""
    return pos - min(max(pos - start, 0), length)


def transform(op, against, op_wins_ties):
    """`op` rewritten to apply after `against`, both made on the same document."""
    if op["type"] == "insert":
        pos = op["pos"]
        if against["type"] == "insert":
            if pos > against["pos"] or (pos == against["pos"] and not op_wins_ties):
                pos += len(against["text"])
        else:
            pos = _through_delete(pos, against["pos"], against["length"])
        return [_insert(pos, op["text"])]
    start, end = op["pos"], op["pos"] + op["length"]
    if against["type"] == "insert":
        at, size = against["pos"], len(against["text"])
        if at <= start:
            return [_delete(start + size, op["length"])]
        if at >= end:
            return [_delete(start, op["length"])]
        # the insertion lands inside the range: delete the part before it, then the part after it
        return [_delete(start, at - start), _delete(start + size, end - at)]
    cut_start, cut_end = against["pos"], against["pos"] + against["length"]
    before = max(0, min(end, cut_start) - start)  # characters of op's range left of against's
    after = max(0, end - max(start, cut_end))  # characters right of it
    if before + after == 0:
        return []
    return [_delete(_through_delete(start, cut_start, against["length"]), before + after)]
