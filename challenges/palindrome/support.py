"""Runs on both sides: the scaling property's strings of about 1,000,000 characters, built next to
the function under test (only a reference to them crosses the wire)."""
import functools
import random


@functools.lru_cache(maxsize=1)
def _mirrored(n, seed):
    """About n characters: a mirrored run of letters and digits in mixed case, with noise between them."""
    rng = random.Random(seed)
    half = rng.choices("abcdefghijklmnopqrstuvwxyz0123456789é", k=n // 4)
    cases = rng.choices((str.upper, str.lower), k=n // 2)
    noise = rng.choices(" ,.!?-", k=n // 2)
    keep = rng.choices((True, False), weights=(9, 1), k=n // 2)
    out = []
    for c, case, mark, kept in zip(half + half[::-1], cases, noise, keep):
        out.append(case(c))
        if kept:
            out.append(mark)
    return "".join(out)


def big_palindrome(n, seed, change=None):
    """A palindrome of n characters (padded with "."); change="middle" replaces an element near the
    middle, change="first" the first one (both then usually no longer palindromes)."""
    s = _mirrored(n, seed)
    if change == "middle":
        middle = len(s) // 2
        return s[:middle - 10] + ("q" if s[middle - 10] != "q" else "r") + s[middle - 9:]
    if change == "first":
        return "x" + s[1:]
    return s + "." * (n - len(s))
