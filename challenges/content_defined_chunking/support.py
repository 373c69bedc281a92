"""Runs on both sides: scenarios inside the sandbox that turn chunkings into facts, since where the
boundaries fall is the submission's choice (any rolling hash will do)."""
import hashlib
import random


def sample(seed, size, kind="random"):
    """Deterministic test data: random bytes, or low-entropy data (zeros, a short repeated pattern, text)."""
    rng = random.Random(seed)
    if kind == "random":
        return rng.randbytes(size)
    if kind == "zeros":
        return bytes(size)
    if kind == "pattern":
        return (rng.randbytes(rng.randrange(1, 40)) * (size // 2 + 1))[:size]
    words = [rng.choice(["the", "chunk", "store", "sync", "file", "drive", "\n"]) for _ in range(size // 3 + 1)]
    return " ".join(words).encode()[:size]


def shift_facts(chunker, seed, size, pos, insert, sizes):
    """Chunks random data, then the same data with `insert` inserted at `pos`. The fact: the share of old
    boundaries past pos + max_size (the end of the data excluded) that reappear shifted by len(insert)
    (1.0 when there are none)."""
    data = sample(seed, size)
    pos = min(pos, size)
    edited = data[:pos] + insert + data[pos:]
    old = chunker(data, *sizes)
    new = set(chunker(edited, *sizes))
    later = [b for b in old if pos + sizes[2] < b < size]
    if not later:
        return 1.0
    return sum(b + len(insert) in new for b in later) / len(later)


def store_facts(store, seeds, size):
    """Puts several files (two of them equal, one an edited copy) and reads them back. Facts: every file
    reads back equal; every hash is the sha256 hex of the chunk it names; stored_bytes is the size of the
    distinct chunks; an unknown hash is a KeyError."""
    files = [sample(s, size) for s in seeds]
    files.append(files[0])
    files.append(files[0][:size // 3] + b"inserted!" + files[0][size // 3:])
    facts = {"roundtrip": True, "sha256": True, "accounting": True, "unknown_hash_keyerror": False}
    distinct = {}
    for data in files:
        hashes = store.put(data)
        if type(hashes) is not list or store.get(hashes) != data:
            facts["roundtrip"] = False
            continue
        for h in hashes:
            chunk = store.get([h])
            if type(h) is not str or hashlib.sha256(chunk).hexdigest() != h:
                facts["sha256"] = False
            distinct[h] = len(chunk)
    if store.stored_bytes() != sum(distinct.values()):
        facts["accounting"] = False
    try:
        store.get(["0" * 64])
    except KeyError:
        facts["unknown_hash_keyerror"] = True
    return facts


def edit_growth(store, seed, size, pos, insert):
    """Puts random data, then a copy with `insert` inserted at `pos`; returns how many bytes stored_bytes
    grew by the second put (dedup keeps it near the edited region, not the rest of the file)."""
    data = sample(seed, size)
    store.put(data)
    before = store.stored_bytes()
    store.put(data[:pos] + insert + data[pos:])
    return store.stored_bytes() - before
