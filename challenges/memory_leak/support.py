"""Runs on both sides (trusted): subscribers the wire cannot carry, and scenarios run next to the bus.

A scenario owns a few subscribers: bound methods of Listener objects (a fresh bound method object at
each use, equal to the earlier ones), a closure, a lambda, a callable object, and a Meddler whose
callback unsubscribes and subscribes during a publish. "drop" deletes the scenario's only strong
reference to a subscriber's owner and runs gc.collect(); "alive" tells whether that owner still
exists, i.e. whether the bus kept it. The subscribers are in no reference cycle, so reference
counting frees them at once when nothing else holds them ("collect" runs gc.collect() as well; the
judge process has a large heap, so full collections are kept for the edge cases). Every callback
call is logged as plain data.
"""
import gc
import sys
import weakref

# The judge runs a program that calls these helpers with nothing else in flight: its scenarios count
# live objects and collect garbage (a reply arriving meanwhile would be measured too).
RUN_ALONE = True

EVENTS = ("click", "key")


class Listener:
    def __init__(self, name, log):
        self.name, self.log = name, log

    def handle(self, *args, **kwargs):
        self.log.append([self.name + ".handle", list(args), sorted(kwargs.items())])

    def other(self, *args, **kwargs):
        self.log.append([self.name + ".other", list(args), sorted(kwargs.items())])


class CallableObject:
    def __init__(self, log):
        self.log = log

    def __call__(self, *args, **kwargs):
        self.log.append(["callable", list(args), sorted(kwargs.items())])


class Meddler:
    """During a publish of `event`, unsubscribes subscriber 2 and subscribes subscriber 3 to it."""

    def __init__(self, bus, scene, log):
        self.bus, self.scene, self.log = bus, weakref.proxy(scene), log  # no reference cycle

    def handle(self, *args, **kwargs):
        self.log.append(["meddler", list(args), sorted(kwargs.items())])
        event = kwargs.get("topic", EVENTS[0])
        if 2 in self.scene.ids:
            self.log.append(["meddler unsubscribed 2", self.bus.unsubscribe(event, self.scene.callback(2)), []])
        if 3 in self.scene.ids:
            self.bus.subscribe(event, self.scene.callback(3))


class Scene:
    """Subscriber ids: 0 and 1 are two methods of one Listener, 2 a method of another Listener, 3 a
    closure, 4 a lambda, 5 a callable object, 6 a Meddler's method, 7 to 11 methods of five more
    Listeners (one each)."""

    def __init__(self, bus):
        self.bus, self.log = bus, []
        log = self.log
        first = Listener("first", log)

        def closure(*args, **kwargs):
            log.append(["closure", list(args), sorted(kwargs.items())])

        self.owners = {0: first, 1: first, 2: Listener("second", log), 3: closure,
                       4: lambda *args, **kwargs: log.append(["lambda", list(args), sorted(kwargs.items())]),
                       5: CallableObject(log), 6: Meddler(bus, self, log)}
        self.owners.update({i: Listener(f"listener{i}", log) for i in range(7, 12)})
        self.refs = {i: weakref.ref(owner) for i, owner in self.owners.items()}

    @property
    def ids(self):
        return set(self.owners)

    def callback(self, i):
        owner = self.owners[i]
        return owner.handle if i in (0, 2, 6) or i >= 7 else owner.other if i == 1 else owner

    def drop(self, i):
        owner = self.owners.get(i)
        for j in [j for j, o in self.owners.items() if o is owner]:
            del self.owners[j]
        del owner


def scenario(bus, ops):
    """Run ops on the bus; returns one item per op: results, the calls made by each publish, liveness."""
    scene = Scene(bus)
    results = []
    for op in ops:
        name, i = op[0], op[2] if len(op) > 2 else None
        if name in ("sub", "unsub") and i not in scene.owners:
            results.append("dropped")
        elif name == "sub":
            results.append(bus.subscribe(op[1], scene.callback(i), weak=op[3]))
        elif name == "sub_default":
            results.append(bus.subscribe(op[1], scene.callback(i)))
        elif name == "unsub":
            results.append(bus.unsubscribe(op[1], scene.callback(i)))
        elif name == "pub":
            del scene.log[:]
            count = bus.publish(op[1], op[2], topic=op[1]) if op[2] % 2 else bus.publish(op[1], op[2])
            results.append([count, list(scene.log)])
        elif name == "count":
            results.append(bus.subscriber_count(op[1]))
        elif name == "drop":
            scene.drop(op[1])
            results.append("ok")
        elif name == "collect":
            gc.collect()
            results.append("ok")
        elif name == "alive":
            results.append([j for j in sorted(scene.refs) if scene.refs[j]() is not None])
    scene.owners.clear()
    results.append(["alive at the end", [j for j in sorted(scene.refs) if scene.refs[j]() is not None]])
    return results


class Slotted:
    """A callable object without __weakref__: it cannot be weakly referenced. Two are equal when they
    write to the same log."""

    __slots__ = ("log",)

    def __init__(self, log):
        self.log = log

    def __eq__(self, other):
        return type(other) is Slotted and other.log is self.log

    def __hash__(self):
        return id(self.log)

    def __call__(self, *args):
        self.log.append(list(args))


def unweakable(bus):
    """A callable that cannot be weakly referenced: a weak subscription raises TypeError and adds nothing;
    a strong one works; once it is subscribed strongly, subscribing it (or an equal one) weakly again
    changes nothing and raises nothing (an equal live subscriber is looked for first), while a weak
    subscription to another event still raises TypeError."""
    log = []
    target = Slotted(log)
    try:
        bus.subscribe("click", target)
        outcome = "subscribed"
    except TypeError:
        outcome = "TypeError"
    counts = [bus.subscriber_count("click"), bus.publish("click", 7)]
    bus.subscribe("click", target, weak=False)
    again = []
    for event in ("click", "key"):
        try:
            again.append(bus.subscribe(event, Slotted(log)))  # equal to target, a live strong subscriber of click
        except TypeError:
            again.append("TypeError")
    return [outcome, counts, again, bus.publish("click", 8), log, bus.subscriber_count("click"),
            bus.subscriber_count("key"), bus.unsubscribe("click", target), bus.subscriber_count("click"),
            bus.unsubscribe("click", target)]


def churn(bus, n, method):
    """n times: make a subscriber, subscribe it weakly to one event, drop it; no publish in between.

    Returns [subscriber_count, memory bounded, publish count]. Memory is measured as the growth of
    sys.getallocatedblocks() over the cycles (after gc.collect()): dead entries left in the bus cost a
    few blocks each, so keeping n of them grows it by far more than n // 10.
    """
    bus = type(bus)()
    log = []
    gc.collect()
    before = sys.getallocatedblocks()
    for i in range(n):
        if method:
            listener = Listener("l", log)
            bus.subscribe("tick", listener.handle)
            del listener
        else:
            def function(*args):
                log.append(args)
            bus.subscribe("tick", function)
            del function
    gc.collect()
    grown = sys.getallocatedblocks() - before
    return [bus.subscriber_count("tick"), grown < n // 10, bus.publish("tick", 1)]
