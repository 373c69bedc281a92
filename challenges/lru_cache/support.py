"""Helpers both sides share: the scaling property's workload, generated next to the cache."""
import random


def steady_state(capacity: int, operations: int, seed: int):
    """Fill a cache of `capacity`, then keep it full and evicting: 40 % puts of new keys (each
    evicts the least recently used), 30 % gets of recent keys, 15 % updates, 15 % gets of keys
    that may be long gone. Yields (method, args) pairs."""
    rng = random.Random(seed)
    for key in range(capacity):
        yield "put", (key, key)
    newest = capacity - 1
    for step in range(operations):
        roll = rng.random()
        if roll < 0.4:
            newest += 1
            yield "put", (newest, step)
        elif roll < 0.7:
            yield "get", (newest - rng.randrange(capacity),)
        elif roll < 0.85:
            yield "put", (newest - rng.randrange(capacity), -step)
        else:
            yield "get", (rng.randrange(newest + 1),)
