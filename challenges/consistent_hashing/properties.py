"""Properties of consistent_hashing. Which node a key maps to is the submission's choice, so apart from
errors the judge compares facts (computed inside the sandbox by support.py) rather than node names:
answers name current nodes, adding or removing a node moves only the keys it must, the load is
balanced, the mapping depends only on the set of nodes (not on history, insertion order or the
interpreter's salted hash()), and a lookup is fast."""
import re

from hypothesis import strategies as st

from judge.harness import prop, scaling

names = st.text("abcdefghijklmnopqrstuvwxyz0123456789.-:", min_size=1, max_size=10)
node_sets = st.lists(names, min_size=1, max_size=8, unique=True)


def facts(**rules):
    """A comparator for a dict of facts: each key must be present; a rule "same" wants the reference's
    value, a (low, high) pair wants a number in that range whatever the reference got."""

    def compare(expected, actual):
        if type(actual) is not dict or set(actual) != set(expected):
            return f"expected a dict with keys {sorted(expected)}, got {actual!r}"
        for key, rule in rules.items():
            value = actual[key]
            if rule == "same":
                if type(value) is not type(expected[key]) or value != expected[key]:
                    return f"{key}: expected {expected[key]!r}, got {value!r}"
            elif type(value) not in (int, float) or not rule[0] <= value <= rule[1]:
                return f"{key} is {value!r}, expected within [{rule[0]}, {rule[1]}] (the reference: {expected[key]!r})"
        return None

    return compare


def at_most(bound):
    def compare(expected, actual):
        if type(actual) is not float or not actual <= bound:
            return f"expected a float at most {bound}, got {actual!r} (the reference: {expected!r})"
        return None

    return compare


def one_of_nodes(nodes):
    """get_node's answer is free: any str naming one of `nodes` (exceptions are still compared exactly)."""
    allowed = frozenset(nodes)

    def compare(expected, actual):
        if type(actual) is not str or actual not in allowed:
            return f"expected one of the current nodes {sorted(allowed)}, got {actual!r}"
        return None

    return compare


operations = st.lists(st.tuples(st.sampled_from(["add", "remove", "get"]), st.integers(0, 5)), max_size=25)


@prop(operations, st.integers(1, 4), max_examples=200)
def errors_and_membership(p, ops, vnodes):
    """Any sequence of add/remove/get on a small universe of nodes: ValueError on an empty ring, KeyError
    when removing an absent node, adding a present node a no-op, and every answer a current node
    (checked over 200 keys, compared as a fact); a one-node ring maps everything to that node."""
    universe = ["n0", "n1", "n2", "cache-eu", "cache-us", "cache-ap"]
    ring = p.new("HashRing", (), vnodes)
    present = []
    for op, i in ops:
        node = universe[i]
        if op == "add":
            ring.add_node(node)
            if node not in present:
                present.append(node)
        elif op == "remove":
            ring.remove_node(node)
            if node in present:
                present.remove(node)
        else:
            ring.get_node(f"key{i}").compare(one_of_nodes(present))
            p.helper("lookups_valid", ring, list(present), 200)
    if len(present) == 1:
        ring.get_node("any key")
    if present:
        fresh = p.new("HashRing", list(reversed(present)), vnodes)
        p.helper("same_mapping", fresh, p.new("HashRing", (), vnodes), list(present), 300)


@prop(node_sets, names, max_examples=100)
def adding_moves_keys_only_to_the_new_node(p, nodes, new):
    """Adding a node to a ring of n (100 virtual nodes each) moves keys only to it, and about a
    1/(n+1) share of them (between 0.4 and 1.6 times that over 2,000 keys): modulo hashing moves
    most keys elsewhere, a node whose virtual nodes are misplaced gets none."""
    nodes = [n for n in nodes if n != new]
    ring = p.new("HashRing", nodes)
    p.helper("add_moves", ring, new, 2000, len(nodes) + 1).compare(
        facts(only_to_new="same", moved_share=(0.4, 1.6)))
    p.helper("lookups_valid", ring, nodes + [new], 500)


@prop(node_sets, st.integers(0, 7), st.integers(1, 100), max_examples=100)
def removing_moves_only_its_keys(p, nodes, which, vnodes):
    """Removing a node moves exactly the keys it held and nothing else; it is never answered again."""
    ring = p.new("HashRing", nodes, vnodes)
    p.helper("remove_moves", ring, nodes[which % len(nodes)], 1000).compare(
        facts(moved_exactly_its_keys="same", gone="same"))
    rest = [n for n in nodes if n != nodes[which % len(nodes)]]
    p.helper("lookups_valid", ring, rest, 200)


@prop(node_sets, st.lists(st.tuples(st.booleans(), names), max_size=12), st.integers(1, 50), max_examples=100)
def mapping_depends_only_on_the_nodes(p, nodes, churn, vnodes):
    """After any history of adds and removes, the ring maps keys exactly as a ring built afresh from the
    remaining nodes in reverse order, while builtins.hash is salted differently (as in another process
    with another PYTHONHASHSEED): every server must route a key to the same node."""
    ring = p.new("HashRing", nodes, vnodes)
    present = list(nodes)
    for add, node in churn:
        if add and node not in present:
            ring.add_node(node)
            present.append(node)
        elif not add and node in present:
            ring.remove_node(node)
            present.remove(node)
    if present:
        p.helper("same_mapping", ring, p.new("HashRing", (), vnodes), list(reversed(present)), 500)


@prop(st.lists(names, min_size=10, max_size=10, unique=True), max_examples=3)
def balanced_load(p, nodes):
    """10 nodes with 100 virtual nodes each: over 100,000 keys the busiest node holds at most 1.5x the mean
    (one point per node, ignoring vnodes, gives a ratio near 2.5)."""
    ring = p.new("HashRing", nodes, 100)
    p.helper("load_ratio", ring, nodes, 100_000).compare(at_most(1.5))


# any code point, lone surrogates (category Cs) included; never a high surrogate right before a low one,
# which the JSON wire would join into one astral character
any_text = st.lists(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=6).map("".join).filter(
    lambda text: not re.search("[\ud800-\udbff][\udc00-\udfff]", text))


@prop(st.lists(any_text, min_size=1, max_size=5, unique=True), st.lists(any_text, min_size=1, max_size=8),
      st.integers(1, 20), max_examples=100)
def any_string_is_a_key_or_a_node(p, nodes, lookups, vnodes):
    """Node names and keys are any str: the empty string, any code point, lone surrogates ("\ud800",
    which str.encode() refuses) included; answers are current nodes, removing works, and the mapping is
    the same in a ring built afresh in another order."""
    ring = p.new("HashRing", nodes, vnodes)
    for key in lookups:
        ring.get_node(key).compare(one_of_nodes(nodes))
    p.helper("same_keys_same_nodes", ring, p.new("HashRing", list(reversed(nodes)), vnodes), lookups)
    ring.remove_node(nodes[0])
    for key in lookups:
        ring.get_node(key).compare(one_of_nodes(nodes[1:]))


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """The empty ring, the default arguments, one node, removing the last node, re-adding it; vnodes < 1
    (ValueError); lone surrogates in keys and node names."""
    ring = p.new("HashRing")
    ring.get_node("a")
    ring.remove_node("a")
    ring.add_node("only")
    ring.get_node("a")
    ring.get_node("")
    ring.add_node("only")
    ring.remove_node("only")
    ring.get_node("a")
    ring.remove_node("only")
    ring.add_node("only")
    ring.get_node("b")
    two = p.new("HashRing", ["x", "y"])
    p.helper("lookups_valid", two, ["x", "y"], 1000)
    p.helper("remove_moves", two, "x", 500).compare(facts(moved_exactly_its_keys="same", gone="same"))
    two.get_node("key").compare(one_of_nodes(["y"]))
    for args in [((), 0), (["a"], 0), (["a", "b"], -1), ((), -100)]:
        p.new("HashRing", *args)
    p.new("HashRing", ["a"], 1).get_node("k").compare(one_of_nodes(["a"]))
    odd = p.new("HashRing", ["\ud800", "\udfff-node", "plain"], 5)
    for key in ["\ud800", "a\udc80b", "\udbff\udfff", "\U0010ffff", ""]:
        odd.get_node(key).compare(one_of_nodes(["\ud800", "\udfff-node", "plain"]))
    odd.remove_node("\ud800")
    odd.add_node("\ud800")


@scaling(ratio=8)
def logarithmic_lookup(p, rng):
    """100 nodes x 100 virtual nodes, then 20,000 lookups inside the sandbox: a linear scan of the 10,000
    points per lookup instead of a binary search is far slower than the reference."""
    ring = p.new("HashRing", [f"node-{rng.randrange(10**9)}-{i}" for i in range(100)], 100)
    p.helper("lookup_many", ring, 20_000)
