"""Properties of flatten: differential against the reference on generated nested lists (every atom
type, empty sublists, tuples and dicts holding lists), lists that hold one sublist object several
times, lists far deeper than the recursion limit (built in the sandbox by support.py), and a
linear-time check on a large input."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

DEPTH = 100_000  # ten times the sandbox's recursion limit of 10,000

# Atoms: falsy values, empty strings/tuples/dicts, and containers that hold lists but must not be opened.
scalars = st.one_of(
    st.integers(-3, 3), st.sampled_from([0, False, True, None, "", "a", "ab", 0.0, -0.5, b"", b"x"]),
    st.text(max_size=3), st.floats(allow_nan=False, width=32),
)
atoms = st.one_of(
    scalars,
    st.tuples(), st.tuples(scalars), st.tuples(st.lists(scalars, max_size=2), scalars),
    st.dictionaries(st.integers(0, 3), st.lists(scalars, max_size=2), max_size=2),
    st.frozensets(st.integers(0, 3), max_size=2),
)
nested_lists = st.recursive(st.lists(atoms, max_size=4),
                            lambda inner: st.lists(st.one_of(atoms, inner), max_size=5), max_leaves=30)


@prop(nested_lists, max_examples=400)
def matches_reference(p, nested):
    """Any nested list: the same atoms, in order, as a new list; the input unchanged."""
    p.call("flatten", nested)


@prop(st.recursive(st.builds(list), lambda inner: st.lists(inner, max_size=4), max_leaves=20), max_examples=100)
def only_empty_lists(p, nested):
    """Lists of empty lists, to any depth, flatten to []."""
    p.call("flatten", nested)


@prop(st.integers(1, 150), st.lists(st.lists(atoms, max_size=2), min_size=1, max_size=150), max_examples=60)
def chains(p, depth, levels):
    """A chain of lists up to 150 deep (the most the wire carries), atoms at several levels."""
    nested = list(levels[depth % len(levels)])
    for level in range(depth):
        items = levels[level % len(levels)]
        nested = items[: len(items) // 2] + [nested] + items[len(items) // 2:]
    p.call("flatten", nested)


@prop(nested_lists, st.integers(1, 4), st.booleans(), max_examples=150)
def shared_sublists(p, sub, times, wrap):
    """One sublist object appearing `times` times contributes its atoms each time."""
    s = p.support("shared", sub, times, wrap)
    p.call("flatten", s)


@prop(st.sampled_from([7, None]), max_examples=2)
def deeper_than_recursion_limit(p, leaf):
    """Lists 100,000 deep, nested to the right and to the left; each flattened twice, since an input
    that deep is not echoed back: a second call that differs means the first changed its argument."""
    d = p.support("deep", DEPTH, leaf)
    p.call("flatten", d)
    p.call("flatten", d)
    ladder = p.support("ladder", DEPTH)
    p.call("flatten", ladder)
    p.call("flatten", ladder)
    comb = p.support("comb", DEPTH)
    p.call("flatten", comb)
    p.call("flatten", comb)


@scaling(ratio=5)
def linear_time(p, rng):
    """300,000 top-level items holding 360,000 atoms (built in the sandbox): O(n^2) is far slower."""
    items = p.support("wide", 300_000)
    p.call("flatten", items)
