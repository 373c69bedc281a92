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


def shift_facts(chunker, seed, size, pos, insert, sizes, files=3):
    """Chunks `files` random files (seeds seed, seed + 1, ...), then each with `insert` inserted at `pos`.
    The fact: the share of all their old boundaries past pos + max_size (each file's end excluded) that
    reappear shifted by len(insert) (1.0 when there are none). Pooling a few files keeps one slow
    resynchronisation (normalised chunking, as in FastCDC, may take several chunks now and then) from
    deciding the verdict, while fixed-size blocks still keep almost none."""
    kept = total = 0
    pos = min(pos, size)
    for s in range(seed, seed + files):
        data = sample(s, size)
        old = chunker(data, *sizes)
        new = set(chunker(data[:pos] + insert + data[pos:], *sizes))
        later = [b for b in old if pos + sizes[2] < b < size]
        kept += sum(b + len(insert) in new for b in later)
        total += len(later)
    return kept / total if total else 1.0


def cut_at(position, size, seed=0):
    """Random bytes in which a Gear hash over the sha256 table (the reference's) with the default sizes'
    13-bit mask is 0 exactly at `position`: a chunker of that kind cuts exactly there when `position` is
    at least min_size. For any other chunker it is just random data."""
    gear = [int.from_bytes(hashlib.sha256(bytes([i])).digest(), "big") for i in range(256)]
    rng = random.Random(f"cut_at:{seed}")
    while True:  # the hash depends on the last 13 bytes only: find 13 that make it 0 (about 8,000 tries)
        tail, h = rng.randbytes(13), 0
        for byte in tail:
            h = (h << 1 & 8191) + gear[byte] & 8191
        if h == 0:
            break
    data = bytearray(rng.randbytes(size))
    data[position - 13:position] = tail
    return bytes(data)


def defaults_facts(chunker, default_store, explicit_store):
    """chunk_boundaries(data) and ChunkStore() without sizes behave exactly as with (2048, 8192, 65536):
    on random data, on all zeros (cuts forced at max_size) and on data whose cuts may fall exactly at
    2047 or 2048 bytes (min_size)."""
    datas = [sample(21, 100_000), bytes(140_000), cut_at(2048, 60_000), cut_at(2047, 60_000, seed=1)]
    sizes = (2048, 8192, 65536)
    return {"chunking": all(chunker(data) == chunker(data, *sizes) for data in datas),
            "store": all(default_store.put(data) == explicit_store.put(data) for data in datas)}


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
