"""Properties of monkey_patching. Targets are built in the sandbox by support.py (a module, a class
Child(Base) with a plain attribute, None, a method, a staticmethod, a classmethod and a property, and
an instance of it); the submission's `patched(...)` managers are created by the judge and entered,
nested, by a support scenario that observes every watched attribute (own entry and getattr) after each
enter and exit, with or without an exception raised inside."""
from hypothesis import strategies as st

from judge.harness import prop

# (target, names worth patching there): own attributes, None, inherited ones, descriptors, absent ones.
NAMES = {
    "module": ["x", "n", "f", "z"],
    "class": ["x", "n", "m", "s", "c", "p", "b", "z"],
    "instance": ["y", "n", "x", "m", "s", "c", "b", "z"],
}
values = st.one_of(st.integers(-3, 3), st.none(), st.sampled_from(["", "patched"]))
patches = st.lists(st.sampled_from(sorted(NAMES)).flatmap(
    lambda kind: st.tuples(st.just(kind), st.sampled_from(NAMES[kind]), values)), min_size=1, max_size=4)


def targets(p):
    cls = p.support("make_classes")
    return {"module": p.support("make_module"), "class": cls, "instance": p.support("make_instance", cls)}


def watch_all(t):
    return [(t[kind], name) for kind in sorted(NAMES) for name in NAMES[kind]]


def scenario(p, plan, raise_inside):
    t = targets(p)
    managers = [p.new("patched", t[kind], name, value) for kind, name, value in plan]
    p.helper("run", managers, watch_all(t), raise_inside)


@prop(patches, st.booleans(), max_examples=250)
def nested_patches(p, plan, raise_inside):
    """Up to four nested patches on any targets and names (the same attribute patched twice, a class and
    its instance patched together): inside, each name reads as the innermost replacement; after each exit
    the state before that patch is back exactly; an exception inside propagates."""
    scenario(p, plan, raise_inside)


@prop(st.sampled_from([(kind, name) for kind in sorted(NAMES) for name in NAMES[kind]]), values, st.booleans(),
      max_examples=120)
def every_kind_of_attribute(p, where, value, raise_inside):
    """One patch of each (target, name) pair: own attributes, None, inherited attributes (must be removed
    from the object afterwards, not copied onto it), staticmethod/classmethod/property (restored as the
    same descriptor), attributes that did not exist (deleted afterwards)."""
    scenario(p, [(where[0], where[1], value)], raise_inside)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Overlapping patches of one name on one target, a class and its instance patched in both orders,
    replacing a value with an equal one, with None, and patching an absent name to None."""
    for plan in (
        [("class", "x", 5), ("class", "x", 6), ("class", "x", 7)],
        [("class", "x", 5), ("instance", "x", 6)],
        [("instance", "x", 6), ("class", "x", 5)],
        [("instance", "n", None), ("instance", "n", 1)],
        [("module", "x", 1), ("module", "z", None)],
        [("class", "s", None), ("class", "c", None), ("instance", "s", 3)],
        [("class", "b", 0), ("instance", "b", 1), ("class", "b", 2)],
        [("module", "n", 0), ("module", "n", None), ("module", "n", 0)],
    ):
        for raise_inside in (False, True):
            scenario(p, plan, raise_inside)
