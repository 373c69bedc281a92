"""Properties of memory_leak: scenarios run by support.py next to the bus (the wire cannot carry
callbacks): random sequences of subscribe (weak and strong), unsubscribe with fresh but equal bound
methods, publish, subscriber_count, dropping a subscriber's owner and asking which owners are still
alive; subscribers that die in any order, interleaved with publishes and new subscriptions; a callback
that changes the subscriptions during a publish; an unweakable callable; and 10^5 subscribe/drop cycles
without a publish, whose memory must stay bounded."""
from hypothesis import strategies as st

from judge.harness import prop

events = st.sampled_from(["click", "key"])
ids = st.integers(0, 6)
ops = st.lists(st.one_of(
    st.tuples(st.just("sub"), events, ids, st.booleans()),
    st.tuples(st.just("sub_default"), events, ids),
    st.tuples(st.just("unsub"), events, ids),
    st.tuples(st.just("pub"), events, st.integers(-5, 5)),
    st.tuples(st.just("count"), events),
    st.tuples(st.just("drop"), ids),
    st.tuples(st.just("alive")),
), max_size=30)


ORDER_IDS = [0, 2, 3, 4, 5, 7, 8, 9, 10, 11]  # one owner each (not 1, which shares 0's; not the Meddler)


@st.composite
def deaths(draw):
    """Subscribe the ids in one random order (a few strongly, a few to a second event too) and let their
    owners die in another, the two interleaved, with a publish and a count after every step."""
    order = draw(st.permutations(ORDER_IDS))
    dying = draw(st.permutations(ORDER_IDS))
    strong = set(draw(st.lists(st.sampled_from(ORDER_IDS), max_size=2)))
    also_key = set(draw(st.lists(st.sampled_from(ORDER_IDS), max_size=3)))
    first = draw(st.integers(2, len(order)))  # subscribed before the first death
    ops = [("sub", "click", i, i not in strong) for i in order[:first]]
    later, steps = list(order[first:]), draw(st.lists(st.booleans(), min_size=20, max_size=20))
    for k, subscribe_next in enumerate(steps):
        if subscribe_next and later:
            i = later.pop(0)
            ops.append(("sub", "click", i, i not in strong))
            if i in also_key:
                ops.append(("sub", "key", i, True))
        elif dying:
            ops.append(("drop", dying.pop(0)))
        ops += [("pub", "click", k), ("count", "click")]
    ops += [("pub", "key", 0), ("alive",)]
    return ops


@prop(deaths(), max_examples=60)
def deaths_in_any_order(p, operations):
    """Owners dying in an order other than subscription order, between publishes and new subscriptions:
    each death removes exactly its own entry, never a live neighbour (e.g. by a position that went stale
    when an earlier subscriber died first)."""
    bus = p.new("EventBus")
    p.helper("scenario", bus, operations)


@prop(st.just(None), max_examples=1)
def dead_entries_are_purged(p, _):
    """10^5 cycles of subscribe-a-method-weakly-then-drop-it (and 10^4 with functions) on one event, with
    no publish in between: the bus must purge each entry when its owner dies, so memory does not grow."""
    bus = p.new("EventBus")
    p.helper("churn", bus, 100_000, True)
    p.helper("churn", bus, 10_000, False)


@prop(ops, max_examples=300)
def scenarios(p, operations):
    """Any sequence: publish calls each live subscriber once, in subscription order, with the arguments
    given, and returns how many; subscribing an equal callback again changes nothing; unsubscribe finds a
    fresh bound method equal to the subscribed one and says whether it removed something; a weakly
    subscribed callback whose owner is dropped is never called or counted again and its owner is really
    freed; a strong subscription keeps its owner alive until it is unsubscribed."""
    bus = p.new("EventBus")
    p.helper("scenario", bus, operations)


@prop(st.lists(st.sampled_from([0, 1, 2, 3, 4, 5]), min_size=1, max_size=6, unique=True), st.booleans(),
      events, max_examples=60)
def changes_during_publish(p, before, strong, event):
    """A callback that unsubscribes one subscriber and subscribes another while a publish runs: that
    publish calls the subscribers it started with, the change counts from the next publish."""
    bus = p.new("EventBus")
    operations = [("sub", event, i, not strong) for i in before] + [("sub", event, 6, True)]
    operations += [("sub", event, i, True) for i in (2, 4)]
    operations += [("pub", event, 1), ("count", event), ("pub", event, 2), ("count", event), ("alive",)]
    p.helper("scenario", bus, operations)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Unknown events, unsubscribing what was never subscribed, an unweakable callable (also one equal to
    a live strong subscriber), a callback subscribed to two events, the same owner dropped twice, and
    owners that die in ascending, descending and mixed order."""
    bus = p.new("EventBus")
    bus.subscriber_count("nothing")
    bus.publish("nothing", 1, 2)
    p.helper("unweakable", bus)
    p.helper("scenario", bus, [
        ("count", "click"), ("pub", "click", 1), ("unsub", "click", 0), ("sub", "click", 0, True),
        ("unsub", "key", 0), ("unsub", "click", 1), ("sub", "key", 0, True), ("sub", "click", 0, False),
        ("pub", "click", 2), ("pub", "key", 3), ("unsub", "click", 0), ("unsub", "click", 0), ("count", "click"),
        ("sub", "click", 4, False), ("sub", "click", 3, True), ("drop", 3), ("drop", 3), ("drop", 4),
        ("alive",), ("pub", "click", 4), ("count", "click"), ("count", "key"), ("drop", 0), ("count", "key"),
        ("pub", "key", 5), ("alive",), ("sub", "key", 2, False), ("sub", "key", 5, True), ("collect",),
        ("alive",), ("drop", 2), ("drop", 5), ("collect",), ("alive",), ("pub", "key", 6), ("count", "key")])
    for dying, last in (([7, 9, 11], 8), ([11, 9, 7], 10), ([8, 7, 10], 11)):  # ascending, descending, mixed
        p.helper("scenario", p.new("EventBus"), [("sub", "click", i, True) for i in range(7, 12)]
                 + [op for i in dying for op in (("drop", i), ("pub", "click", i), ("count", "click"))]
                 + [("sub", "click", 3, True), ("drop", last), ("pub", "click", 0), ("alive",)])
