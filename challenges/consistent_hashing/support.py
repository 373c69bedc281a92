"""Runs on both sides: scenarios driven inside the sandbox that turn a ring's answers into facts
(which keys moved, where to, how balanced the load is, whether two rings agree). The mapping itself
is free, so the judge compares these facts rather than the nodes the keys map to."""
import builtins
import contextlib


def keys(count, seed=0):
    """A fixed list of distinct string keys: the same on both sides and in every run."""
    return [f"user:{seed}:{i}" for i in range(count)]


def _mapping(ring, names):
    return [ring.get_node(name) for name in names]


def lookups_valid(ring, nodes, count):
    """Every answer is a str naming one of `nodes` (the ring's current members)."""
    current = set(nodes)
    return all(type(node) is str and node in current for node in _mapping(ring, keys(count)))


def add_moves(ring, node, count, members):
    """Adds `node` to a ring that then has `members` nodes; the facts: every key that moved went to it,
    and the share of keys that moved times `members` (about 1 when the new node gets its fair share)."""
    names = keys(count)
    before = _mapping(ring, names)
    ring.add_node(node)
    after = _mapping(ring, names)
    moved = [i for i in range(count) if before[i] != after[i]]
    return {"only_to_new": all(after[i] == node for i in moved),
            "moved_share": len(moved) / count * members}


def remove_moves(ring, node, count):
    """Removes `node`; the facts: exactly the keys it held moved, none of them to a removed node."""
    names = keys(count)
    before = _mapping(ring, names)
    ring.remove_node(node)
    after = _mapping(ring, names)
    moved = {i for i in range(count) if before[i] != after[i]}
    held = {i for i in range(count) if before[i] == node}
    return {"moved_exactly_its_keys": moved == held, "gone": node not in after}


def load_ratio(ring, nodes, count):
    """The busiest node's key count over the mean, over `count` keys (nodes that get none count as 0)."""
    load = dict.fromkeys(nodes, 0)
    for node in _mapping(ring, keys(count, seed=7)):
        load[node] = load.get(node, 0) + 1
    return max(load.values()) / (count / len(load))


@contextlib.contextmanager
def _salted_builtin_hash():
    """Stands in for a fresh interpreter with another PYTHONHASHSEED: builtins.hash answers differently."""
    real = builtins.hash
    builtins.hash = lambda value: real((0x5EED, value))
    try:
        yield
    finally:
        builtins.hash = real


def same_mapping(ring, other, nodes, count):
    """`other` (empty) gets `nodes` added in the given order while builtins.hash is salted differently;
    True when both rings then map every key to the same node, as two fresh processes must."""
    names = keys(count, seed=3)
    with _salted_builtin_hash():
        for node in nodes:
            other.add_node(node)
        theirs = _mapping(other, names)
    return _mapping(ring, names) == theirs


def same_keys_same_nodes(ring, other, names):
    """True when two rings (the same nodes, added in different orders) map every key of `names` alike."""
    return _mapping(ring, names) == _mapping(other, names)


def lookup_many(ring, count):
    """`count` lookups (for the timing check); returns how many distinct nodes answered."""
    return len(set(_mapping(ring, keys(count, seed=11))))
