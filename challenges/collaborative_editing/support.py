"""Runs on both sides: drives a transform function (the submission's in the sandbox, the reference's in
the judge) through both orders of two concurrent operations and applies its results with a trusted
apply, so the judge compares the merged documents (which the spec determines uniquely) rather than
the exact form of the transformed operations (a split delete may come in either order).

The transform function reaches the helper as a kept object made by `transform.__globals__.get`:
passing transform's *result* to a helper instead would have the judge compare it exactly with the
reference's, since every list argument is echoed back and compared after a call."""
import copy


def _valid_op(op):
    if type(op) is not dict or type(op.get("type")) is not str:
        return False
    if op["type"] == "insert":
        return set(op) == {"type", "pos", "text"} and type(op["pos"]) is int and type(op["text"]) is str
    if op["type"] == "delete":
        return set(op) == {"type", "pos", "length"} and type(op["pos"]) is int and type(op["length"]) is int
    return False


def _apply(doc, op):
    pos = op["pos"]
    if op["type"] == "insert":
        if not 0 <= pos <= len(doc) or not op["text"]:
            raise ValueError
        return doc[:pos] + op["text"] + doc[pos:]
    if pos < 0 or op["length"] < 1 or pos + op["length"] > len(doc):
        raise ValueError
    return doc[:pos] + doc[pos + op["length"]:]


def merge(doc, first, transformed):
    """The document after `first`, then every operation of `transformed` (transform's result) in order.
    A result that is not a list of well-formed operations, or an operation out of range for the
    document it meets, is reported as a string starting with "invalid" instead of raising."""
    if type(transformed) is not list:
        return f"invalid: transform returned a {type(transformed).__name__}, expected a list"
    doc = _apply(doc, first)
    for index, op in enumerate(transformed):
        if not _valid_op(op):
            return f"invalid: operation {index} is malformed: {op!r}"
        try:
            doc = _apply(doc, op)
        except ValueError:
            return f"invalid: operation {index} {op!r} is out of range for {doc!r}"
    return doc


def _transform(transform, op, against, wins):
    mine, theirs = copy.deepcopy(op), copy.deepcopy(against)
    result = transform(mine, theirs, wins)
    if mine != op or theirs != against:
        return "mutated"  # transform changed one of its arguments
    return result


def converge(transform, doc, a, b, a_wins=True):
    """Site 1 applies a, then transform(b, a, not a_wins); site 2 applies b, then transform(a, b, a_wins).
    Returns both documents (each a str, "invalid: ..." for a malformed result, or "mutated" when
    transform changed its arguments)."""
    site1 = _transform(transform, b, a, not a_wins)
    site2 = _transform(transform, a, b, a_wins)
    return [s if s == "mutated" else merge(doc, first, s) for first, s in ((a, site1), (b, site2))]
