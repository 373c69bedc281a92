"""Large inputs built inside the sandbox (and, for the reference, inside the judge): no wire time."""


def text(n, alphabet, seed):
    import random

    return "".join(random.Random(seed).choices(alphabet, k=n))


def ints(n, low, high, seed):
    import random

    rng = random.Random(seed)
    return [rng.randint(low, high) for _ in range(n)]
