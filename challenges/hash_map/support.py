"""Keys the wire cannot carry, built on both sides by the same trusted code, and a probe for dunders.

Objects made here cross the wire as references: the sandbox and the judge each build their own,
so a `Collider` or an `Opaque` key is the very same object in every call of one program.
"""


class Collider:
    """A key whose hash is always 42: two Colliders are equal iff their `tag`s are equal."""

    __slots__ = ("tag",)

    def __init__(self, tag):
        self.tag = tag

    def __hash__(self):
        return 42

    def __eq__(self, other):
        return type(other) is Collider and other.tag == self.tag

    def __repr__(self):
        return f"Collider({self.tag!r})"


class Opaque:
    """A key equal to nothing, itself included (like a NaN): found only as the very same object."""

    __slots__ = ("tag",)

    def __init__(self, tag):
        self.tag = tag

    def __hash__(self):
        return 7

    def __eq__(self, other):
        return False

    def __repr__(self):
        return f"Opaque({self.tag!r})"


class Probe:
    """Calls the map's dunder methods directly, so that their raw results are compared."""

    def __init__(self, mapping):
        self.mapping = mapping

    def length(self):
        """`len(m)`, as m.__len__()."""
        return self.mapping.__len__()

    def contains(self, key):
        """`key in m`, as m.__contains__(key)."""
        return self.mapping.__contains__(key)

    def workload(self, n, seed):
        """n int puts, then n mixed get/put/remove, driven here, inside the sandbox (no wire cost per call).

        Returns what the map answered, summed up: (len, sum of values got, hits, removes that found the key).
        """
        import random

        mapping = self.mapping
        rng = random.Random(seed)
        for key in range(n):
            mapping.put(key * 7919, key)
        total = hits = removed = 0
        for _ in range(n):
            key = rng.randrange(2 * n) * 7919
            r = rng.random()
            if r < 0.5:
                value = mapping.get(key, 0)
                total += value
                hits += value != 0
            elif r < 0.8:
                mapping.put(key, -key)
            else:
                removed += mapping.remove(key) is True
        return mapping.__len__(), total, hits, removed
