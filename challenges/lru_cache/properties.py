"""Properties of lru_cache: differential against the reference, plus an O(1)-per-operation check."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

keys = st.integers(0, 7)  # a small key range, so hits, updates and evictions all happen
values = st.integers(-3, 3)
operations = st.lists(
    st.one_of(st.tuples(st.just("get"), keys), st.tuples(st.just("put"), keys, values)),
    max_size=40,
)


@prop(st.integers(1, 5), operations, max_examples=300)
def matches_reference(p, capacity, ops):
    """Any sequence of get/put returns what the reference returns."""
    cache = p.new("LRUCache", capacity)
    for op in ops:
        if op[0] == "get":
            cache.get(op[1])
        else:
            cache.put(op[1], op[2])


@prop(st.integers(1, 3), max_examples=3)
def every_small_value_comes_back(p, capacity):
    """Each value of the small range, stored and read back: no value (0, 1) may come back as
    another that merely compares equal, whatever the example budget."""
    cache = p.new("LRUCache", capacity)
    for value in range(-3, 4):
        cache.put(0, value)
        cache.get(0)


@prop(st.integers(0, 2**40), st.integers(-(2**40), 2**40))
def large_keys_and_values(p, key, value):
    """Keys and values are arbitrary ints, -1 included."""
    cache = p.new("LRUCache", 2)
    cache.get(key)
    cache.put(key, value)
    cache.get(key)
    cache.put(key + 1, -1)
    cache.get(key + 1)


@scaling(ratio=8)
def constant_time_operations(p, rng):
    """A 20,000-entry cache filled, then 60,000 operations with the cache full and evicting on every
    put of a new key, gets and updates mixed in (generated next to the cache by support.py): an O(n)
    recency list, or an eviction that scans, is far slower than the reference."""
    cache = p.new("LRUCache", 20_000)
    p.workload(cache, "steady_state", 20_000, 60_000, rng.randrange(2**32))
