"""Inputs the wire cannot carry, built on both sides by the same trusted code.

The wire refuses values nested deeper than 200 levels and rebuilds every list it decodes as a
fresh object, so very deep lists and lists that hold one sublist object several times are made
here, inside the sandbox (and, for the reference, inside the judge), and passed by reference.
"""


def deep(depth, leaf):
    """`leaf` wrapped in `depth` lists: deep(3, 7) == [[[7]]]."""
    nested = [leaf]
    for _ in range(depth - 1):
        nested = [nested]
    return nested


def ladder(depth):
    """One atom per level, going down: ladder(3) == [0, [1, [2]]]; flattens to list(range(depth))."""
    nested = [depth - 1]
    for level in range(depth - 2, -1, -1):
        nested = [level, nested]
    return nested


def comb(depth):
    """One atom per level, nested on the left: comb(3) == [[[0], 1], 2]; flattens to list(range(depth))."""
    nested = [0]
    for level in range(1, depth):
        nested = [nested, level]
    return nested


def shared(sub, times, wrap):
    """A list holding the same object `sub` `times` times; with `wrap`, every other one inside a list.

    shared([1], 3, False) == [s, s, s] and shared([1], 3, True) == [s, [s], s], where s is one object.
    """
    return [[sub] if wrap and i % 2 else sub for i in range(times)]


def wide(n):
    """n top-level items holding 6n/5 atoms: ints, short nested lists and empty lists, in a fixed pattern."""
    items = []
    for i in range(n):
        kind = i % 5
        if kind < 2:
            items.append(i)
        elif kind == 2:
            items.append([i, [i + 1, []], i + 2])
        elif kind == 3:
            items.append([[i]])
        else:
            items.append([])
    return items
