"""Properties of chat_ordering: the reorder buffer differential against the reference on random
arrival sequences (out of order, duplicates with different payloads, numbers already delivered or
below the start, pending() in between); vector clocks on random clocks with missing and explicit zero
entries, ordered, equal and concurrent pairs; explicit edge cases; and an amortised O(1) check."""
from hypothesis import strategies as st

from judge.compare import exact
from judge.harness import prop, scaling
from judge.render import show

nodes = st.sampled_from(["a", "b", "c", "n1"])
clocks = st.dictionaries(nodes, st.integers(0, 3), max_size=4)


def same_clock(expected, actual):
    """Clocks compared as the spec defines them: a missing entry is 0, so {} and {"a": 0} are the same
    clock. The result must still be a dict of str names to int counters (not bool, not float)."""
    if type(actual) is not dict:
        return exact(expected, actual)
    for node, count in actual.items():
        if type(node) is not str or type(count) is not int:
            return f"expected a dict of str to int, got the entry {show(node)}: {show(count)}"
    nonzero = [{node: count for node, count in clock.items() if count != 0} for clock in (expected, actual)]
    if nonzero[0] != nonzero[1]:
        return (f"expected the clock {show(expected)}, got {show(actual)}, a different clock "
                f"(even with a missing entry read as 0)")
    return None


@prop(st.integers(-3, 3), st.lists(st.one_of(st.tuples(st.integers(-5, 12)), st.just(("pending",))), max_size=40),
      max_examples=300)
def reorder_matches_reference(p, start, ops):
    """Any arrival order: each receive returns exactly the messages that became deliverable, in order;
    a duplicate (its first copy wins) or an already-delivered number returns []; pending() counts the
    buffered messages."""
    buffer = p.new("ReorderBuffer", start)
    for i, op in enumerate(ops):
        if op[0] == "pending":
            buffer.pending()
        else:
            buffer.receive(start + op[0], f"m{i}")
    buffer.pending()


@prop(st.permutations(list(range(12))), st.lists(st.integers(0, 11), max_size=6), max_examples=150)
def permuted_stream(p, order, again):
    """A whole stream in any order, with some numbers sent again with another payload: every message is
    delivered once, in order, and nothing stays pending."""
    buffer = p.new("ReorderBuffer")
    for k, seq in enumerate(order):
        buffer.receive(seq, {"seq": seq, "copy": 0})
        if again and again[k % len(again)] == seq:
            buffer.receive(seq, {"seq": seq, "copy": 1})
        buffer.pending()
    buffer.receive(0, "late")
    buffer.pending()


@prop(clocks, clocks, max_examples=250)
def vector_clocks_match_reference(p, a, b):
    """merge is the entry-wise max over the keys of both (inputs unchanged); happens_before and
    concurrent treat missing entries as 0."""
    p.call("vc_merge", a, b).compare(same_clock)
    p.call("happens_before", a, b)
    p.call("happens_before", b, a)
    p.call("concurrent", a, b)


@prop(clocks, clocks, st.sampled_from(["a", "b", "c", "n1", "z"]), max_examples=250)
def vector_clocks_related_pairs(p, a, b, node):
    """Pairs that are ordered or equal: a and merge(a, b); a and a with one more event; a and a with zero
    entries added (the same clock, so neither ordered nor concurrent)."""
    merged = dict(a)
    for k, v in b.items():
        merged[k] = max(merged.get(k, 0), v)
    ticked = dict(a)
    ticked[node] = ticked.get(node, 0) + 1
    zeros = dict(a)
    zeros.setdefault(node, 0)
    for x, y in [(a, merged), (a, ticked), (a, zeros), (a, dict(a)), (ticked, merged)]:
        p.call("happens_before", x, y)
        p.call("happens_before", y, x)
        p.call("concurrent", x, y)
        p.call("concurrent", y, x)
    p.call("vc_merge", a, zeros).compare(same_clock)
    p.call("vc_merge", ticked, a).compare(same_clock)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Empty clocks, zero entries, equal clocks, a start number other than 0, a message that is None."""
    for a, b in [({}, {}), ({}, {"a": 0}), ({"a": 0}, {"b": 0}), ({}, {"a": 1}), ({"a": 1}, {"a": 1}),
                 ({"a": 1}, {"b": 1}), ({"a": 1, "b": 0}, {"a": 1, "b": 1}), ({"a": 2, "b": 1}, {"a": 1, "b": 2}),
                 ({"a": 1, "c": 0}, {"a": 1, "b": 0})]:
        p.call("vc_merge", a, b).compare(same_clock)
        p.call("happens_before", a, b)
        p.call("happens_before", b, a)
        p.call("concurrent", a, b)
    r = p.new("ReorderBuffer")
    r.pending()
    r.receive(1, "b")
    r.receive(1, "B")
    r.pending()
    r.receive(0, None)
    r.receive(0, "again")
    r.pending()
    r.receive(2, "c")
    s = p.new("ReorderBuffer", 100)
    s.receive(5, "old")
    s.receive(99, "older")
    s.pending()
    s.receive(101, "y")
    s.receive(100, "x")
    s.pending()


@scaling(ratio=8)
def amortised_constant_time(p, rng):
    """100,000 messages arriving in reversed blocks (inside the sandbox): finding the next message by
    scanning or sorting the buffer on each arrival is far slower than a lookup by number."""
    p.helper("churn", p.new("ReorderBuffer"), 100_000, 2000 + rng.randrange(100))
