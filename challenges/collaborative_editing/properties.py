"""Properties of collaborative_editing: apply matches the reference (errors included), and for any
document and two concurrent valid operations, both sites reach the same document, the one the spec
determines (inserted text survives, ties go to the winner's text first, nothing is deleted twice).
transform's output is checked through support.converge, which runs the transform function it is given
(`transform.__globals__.get("transform")`: the submission's in the sandbox, the reference's in the
judge) and applies its results with a trusted apply: a split delete may come in either order, so the
exact form of a delete's transform is not compared. An insert's transform is unique and is compared."""
from hypothesis import strategies as st

from judge.harness import prop

docs = st.text("abc", max_size=12)
texts = st.text("XYZ", min_size=1, max_size=4)
raw_ops = st.tuples(st.booleans(), st.integers(0, 50), st.integers(0, 50), texts)


def transform_fn(p):
    """The transform function itself as a kept object, for support.converge."""
    return p.new("transform.__globals__.get", "transform")


def make_op(doc, raw):
    """A valid operation on `doc` from raw draws (an insert when the document is empty)."""
    is_insert, a, b, text = raw
    if is_insert or not doc:
        return {"type": "insert", "pos": a % (len(doc) + 1), "text": text}
    pos = a % len(doc)
    return {"type": "delete", "pos": pos, "length": 1 + b % (len(doc) - pos)}


@prop(docs, raw_ops, raw_ops, max_examples=300)
def concurrent_operations_converge(p, doc, raw_a, raw_b):
    """Site 1 applies a then transform(b, a, False); site 2 applies b then transform(a, b, True). Both
    must reach the reference's merged document: the same at both sites (convergence), with every
    inserted character present and a's text first on a tie."""
    a, b = make_op(doc, raw_a), make_op(doc, raw_b)
    p.helper("converge", transform_fn(p), doc, a, b)
    for op, against in ((a, b), (b, a)):
        if op["type"] == "insert":
            p.call("transform", op, against, True)


@prop(docs, st.integers(0, 12), st.integers(0, 12), texts, texts, max_examples=150)
def same_position_ties(p, doc, i, j, text_a, text_b):
    """Two inserts at the same or adjacent positions, and an insert at either edge of a delete: the
    cases where an off-by-one in the tie rule or the range boundaries shows."""
    t = transform_fn(p)
    pos = i % (len(doc) + 1)
    a = {"type": "insert", "pos": pos, "text": text_a}
    for b in ({"type": "insert", "pos": pos, "text": text_b},
              {"type": "insert", "pos": min(pos + j % 2, len(doc)), "text": text_b}):
        p.helper("converge", t, doc, a, b)
        p.helper("converge", t, doc, a, b, False)
        p.call("transform", a, b, True)
        p.call("transform", a, b, False)
    if doc:
        start = i % len(doc)
        d = {"type": "delete", "pos": start, "length": 1 + j % (len(doc) - start)}
        for at in (start, start + d["length"], start + 1):
            if at <= len(doc):
                ins = {"type": "insert", "pos": at, "text": text_a}
                p.helper("converge", t, doc, d, ins, bool(j % 2))
                p.call("transform", ins, d, bool(i % 2))


@prop(docs, raw_ops, st.integers(-3, 16), st.integers(-3, 16), max_examples=200)
def apply_and_errors(p, doc, raw, pos, length):
    """apply matches the reference on valid operations, and raises ValueError on out-of-range ones
    (a position past the end, a negative position, a zero or too long delete, an empty insert);
    apply_all applies a list in order."""
    op = make_op(doc, raw)
    p.call("apply", doc, op)
    p.call("apply", doc, {"type": "insert", "pos": pos, "text": raw[3]})
    p.call("apply", doc, {"type": "delete", "pos": pos, "length": length})
    p.call("apply_all", doc, [op, {"type": "insert", "pos": 0, "text": raw[3]}])
    p.call("apply_all", doc, [])


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Empty documents, deletes of the whole document, identical deletes, an unknown type, an empty insert."""
    p.call("apply", "", {"type": "insert", "pos": 0, "text": "hi"})
    p.call("apply", "", {"type": "insert", "pos": 1, "text": "hi"})
    p.call("apply", "", {"type": "delete", "pos": 0, "length": 1})
    p.call("apply", "abc", {"type": "delete", "pos": 0, "length": 3})
    p.call("apply", "abc", {"type": "delete", "pos": 3, "length": 1})
    p.call("apply", "abc", {"type": "delete", "pos": 1, "length": 0})
    p.call("apply", "abc", {"type": "delete", "pos": -1, "length": 1})
    p.call("apply", "abc", {"type": "insert", "pos": -1, "text": "x"})
    p.call("apply", "abc", {"type": "insert", "pos": 3, "text": "d"})
    p.call("apply", "abc", {"type": "insert", "pos": 1, "text": ""})
    p.call("apply", "abc", {"type": "replace", "pos": 0, "length": 1})
    t = transform_fn(p)
    d = {"type": "delete", "pos": 0, "length": 3}
    inner = {"type": "delete", "pos": 1, "length": 1}
    p.helper("converge", t, "abc", d, d)
    p.helper("converge", t, "abc", d, inner)
    p.helper("converge", t, "abc", inner, d, False)
    p.call("transform", d, d, True)
    ins = {"type": "insert", "pos": 0, "text": "X"}
    p.helper("converge", t, "", ins, {"type": "insert", "pos": 0, "text": "Y"})
    p.call("transform", ins, {"type": "insert", "pos": 0, "text": "Y"}, False)
