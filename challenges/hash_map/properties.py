"""Properties of hash_map: differential against the reference on mixed keys (equal across types,
colliding hashes, keys equal to nothing but themselves, unhashable keys), thousands of keys through
several resizes, and an O(1)-per-operation check.

`len(m)` and `key in m` are called as m.__len__() and m.__contains__(key) through support.Probe,
since the harness records no dunder calls on an object."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

# Keys that are equal across types (0 == 0.0 == -0.0 == False, 1 == 1.0 == True), that collide
# (hash(-1) == hash(-2) == -2; hash(2**61 - 1) == hash(0) == 0), and of many hashable types.
PLAIN_KEYS = [0, 1, 2, -1, -2, 8, 16, 1.0, 0.0, -0.0, True, False, 2.5, 2**61 - 1, 2**64, -(2**64),
              "", "a", "b", "ab", "\u00e9", b"a", None, (), (1,), (1, 2), ("a", (1,)), frozenset(), frozenset({1})]
N_COLLIDERS = 4  # Collider(0) .. Collider(3), each up to twice: equal, distinct objects
N_OPAQUE = 2

# A small key set for random operation sequences, so that equal keys meet often.
OP_KEYS = [0, 1, 2, -1, -2, 1.0, True, False, 0.0, -0.0, "a", None, (1,), 2**61 - 1]
key_ref = st.one_of(
    st.sampled_from(OP_KEYS).map(lambda k: ("plain", k)),
    st.tuples(st.just("collider"), st.integers(0, N_COLLIDERS - 1), st.integers(0, 1)),
    st.tuples(st.just("opaque"), st.integers(0, N_OPAQUE - 1)),
)
values = st.one_of(st.integers(-3, 3), st.sampled_from([None, "", "x", 1.0, True, False, (1,)]))
operations = st.lists(
    st.one_of(
        st.tuples(st.just("put"), key_ref, values),
        st.tuples(st.just("get"), key_ref),
        st.tuples(st.just("get_default"), key_ref, values),
        st.tuples(st.just("remove"), key_ref),
        st.tuples(st.just("len")),
        st.tuples(st.just("contains"), key_ref),
    ),
    max_size=40,
)


def _keys(p):
    """Resolve a key reference; support keys are built on first use (so a counterexample shows only those used)."""
    built = {}

    def key(ref):
        if ref[0] == "plain":
            return ref[1]
        if ref not in built:
            built[ref] = p.support("Collider", ref[1]) if ref[0] == "collider" else p.support("Opaque", ref[1])
        return built[ref]

    return key


def _run(p, m, probe, key, ops):
    for op in ops:
        if op[0] == "put":
            m.put(key(op[1]), op[2])
        elif op[0] == "get":
            m.get(key(op[1]))
        elif op[0] == "get_default":
            m.get(key(op[1]), op[2])
        elif op[0] == "remove":
            m.remove(key(op[1]))
        elif op[0] == "len":
            probe.length()
        else:
            probe.contains(key(op[1]))


@prop(operations, max_examples=300)
def matches_reference(p, ops):
    """Any sequence of put/get/remove/len/in on mixed keys returns what the reference returns."""
    key = _keys(p)
    m = p.new("HashMap")
    probe = p.support("Probe", m)
    _run(p, m, probe, key, ops)
    probe.length()


@prop(st.lists(st.sampled_from(PLAIN_KEYS), min_size=1, max_size=12), values, max_examples=100)
def every_key_round_trip(p, keys, value):
    """Put each key, read each back by itself and by every equal key, remove them all: len back to 0."""
    m = p.new("HashMap")
    probe = p.support("Probe", m)
    probe.length()
    for k in keys:
        probe.contains(k)
        m.put(k, value)
        m.get(k, "missing")
        probe.length()
    for k in PLAIN_KEYS:
        m.get(k, "missing")
        probe.contains(k)
    for k in keys:
        m.remove(k)
        m.remove(k)
        probe.length()
    m.get(keys[0], 0)


@prop(st.sampled_from(["put", "get", "get_default", "remove", "contains"]),
      st.sampled_from([[], [1], {}, {1: 2}, {1}, ([],), (1, [2])]), max_examples=40)
def unhashable_key_raises(p, op, key):
    """An unhashable key raises TypeError, as hash(key) does, in every operation; the map stays usable."""
    m = p.new("HashMap")
    probe = p.support("Probe", m)
    m.put(1, "one")
    if op == "put":
        m.put(key, 1)
    elif op == "get":
        m.get(key)
    elif op == "get_default":
        m.get(key, 0)
    elif op == "remove":
        m.remove(key)
    else:
        probe.contains(key)
    probe.length()
    m.get(1)


@prop(st.integers(1, 3000), st.sampled_from([1, 2, 8, 64, 1024, 4096]), st.integers(-5, 5), max_examples=20)
def many_keys_through_resizes(p, n, stride, offset):
    """Up to 3,000 int keys spaced `stride` apart (so many collide modulo a power-of-two table size):
    all readable after every resize, half removed, all re-checked, len right throughout."""
    m = p.new("HashMap")
    probe = p.support("Probe", m)
    keys = [offset + stride * i for i in range(n)]
    for i, k in enumerate(keys):
        m.put(k, i)
    probe.length()
    for k in keys:
        m.get(k)
    for k in keys[::2]:
        m.remove(k)
    probe.length()
    for k in keys:
        probe.contains(k)
    m.get(offset - stride)
    for k in keys[: n // 2]:
        m.put(k, -1)
    probe.length()
    for k in keys:
        m.get(k, "missing")


@prop(st.integers(1, 200), max_examples=10)
def many_colliding_keys(p, n):
    """Up to 200 keys that all hash to 42 are kept apart by equality."""
    m = p.new("HashMap")
    probe = p.support("Probe", m)
    keys = [p.support("Collider", i) for i in range(n)]
    for i, k in enumerate(keys):
        m.put(k, i)
    probe.length()
    for k in keys[::3]:
        m.remove(k)
    for i in range(n):
        m.get(p.support("Collider", i), "missing")
    probe.length()


@scaling(ratio=8)
def constant_time_operations(p, rng):
    """40,000 puts, then 40,000 mixed get/put/remove (driven by support.Probe.workload inside the
    sandbox): a table that never grows, or a list scanned on every call, is far slower than the reference."""
    m = p.new("HashMap")
    p.support("Probe", m).workload(40_000, rng.randrange(2**32))
