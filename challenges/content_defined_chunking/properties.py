"""Properties of content_defined_chunking. Where boundaries fall is free, so chunkings are checked for
their properties (chunk sizes, the mean size on random data, boundaries surviving an insertion), and
the store for round trips, sha256 names, deduplication and its accounting, with facts gathered inside
the sandbox by support.py. The chunking function reaches support.shift_facts as a kept object made by
`chunk_boundaries.__globals__.get` (a helper given a chunker runs both chunkings in the sandbox)."""
from hypothesis import strategies as st

from judge.harness import prop

from_seed = st.integers(0, 2**32)
# (min, avg, max) small enough for pure Python to chunk quickly, with different ratios
size_sets = st.sampled_from([(64, 256, 2048), (128, 512, 4096), (32, 256, 1024), (256, 1024, 8192),
                             (100, 256, 3000), (16, 64, 128)])
# boundary survival is promised (spec.md) for these sizes only: max_size >= 4 * avg_size. With (16, 64, 128)
# a cut is forced at max_size so often that correct normalised chunking (FastCDC) can fall below 90%.
SURVIVAL_SIZES = [(32, 256, 1024), (64, 256, 2048), (100, 256, 3000), (128, 512, 4096), (256, 1024, 8192)]
survival_sizes = st.sampled_from(SURVIVAL_SIZES)


def valid_chunking(length, sizes, mean_check):
    """Strictly increasing ints ending at len(data) ([] for no data); every chunk but the last within
    [min, max], the last within [1, max]; with mean_check, the mean chunk size within [avg/2, 2*avg]."""
    low, avg, high = sizes

    def compare(expected, actual):
        if type(actual) is not list or any(type(b) is not int for b in actual):
            return f"expected a list of ints, got {actual!r}"[:300]
        if length == 0:
            return None if actual == [] else f"expected [] for empty data, got {actual!r}"[:300]
        if not actual or actual[-1] != length:
            return f"the last boundary must be len(data) = {length}, got {actual[-1:]!r}"
        sizes_ = [b - a for a, b in zip([0] + actual, actual)]
        for i, size in enumerate(sizes_):
            last = i == len(sizes_) - 1
            if not (1 if last else low) <= size <= high:
                return f"chunk {i} ({'last, ' if last else ''}ending at {actual[i]}) has {size} bytes, outside " \
                       f"[{1 if last else low}, {high}]"
        if mean_check and len(sizes_) > 1:
            mean = length / len(sizes_)
            if not avg / 2 <= mean <= 2 * avg:
                return f"mean chunk size {mean:.0f} on random data, outside [{avg / 2:g}, {2 * avg}]"
        return None

    return compare


def at_least(bound):
    def compare(expected, actual):
        if type(actual) is not float or not actual >= bound:
            return f"{actual!r} is below {bound} (the reference: {expected!r})"
        return None

    return compare


def at_most(bound):
    def compare(expected, actual):
        if type(actual) is not int or not actual <= bound:
            return f"{actual!r} is above {bound} (the reference: {expected!r})"
        return None

    return compare


@prop(from_seed, st.integers(0, 40_000), size_sets, max_examples=120)
def chunk_sizes_on_random_data(p, seed, size, sizes):
    """Random data of any length: sizes within [min, max] and, with at least 16 KiB, the mean within
    [avg/2, 2*avg]."""
    import random

    data = random.Random(seed).randbytes(size)
    p.call("chunk_boundaries", data, *sizes).compare(valid_chunking(size, sizes, size >= 16_384))


@prop(from_seed, st.integers(0, 20_000), size_sets, st.sampled_from(["zeros", "pattern", "text"]), max_examples=60)
def chunk_sizes_on_low_entropy_data(p, seed, size, sizes, kind):
    """All zeros, a short pattern repeated, English-like text: the rolling hash never (or always) hits, so
    max_size and min_size must be enforced; no mean is required here."""
    data = _sample(seed, size, kind)  # may be shorter than size (a pattern or text cut at a whole unit)
    p.call("chunk_boundaries", data, *sizes).compare(valid_chunking(len(data), sizes, False))


def _sample(seed, size, kind):
    import random

    rng = random.Random(seed)
    if kind == "zeros":
        return bytes(size)
    if kind == "pattern":
        return (rng.randbytes(rng.randrange(1, 40)) * (size // 2 + 1))[:size]
    words = [rng.choice(["the", "chunk", "store", "sync", "file", "drive", "\n"]) for _ in range(size // 3 + 1)]
    return " ".join(words).encode()[:size]


@prop(from_seed, st.integers(0, 30_000), st.binary(min_size=1, max_size=300), survival_sizes, max_examples=50)
def boundaries_survive_an_insertion(p, seed, pos, insert, sizes):
    """Inserting bytes at one position of three files of 48 KiB of random data: at least 90% of their
    boundaries past the edit plus max_size are the old ones shifted by the insertion (fixed-size blocks
    shift them all), for the sizes the spec names."""
    chunker = p.new("chunk_boundaries.__globals__.get", "chunk_boundaries")
    p.helper("shift_facts", chunker, seed, 48 * 1024, pos, insert, sizes).compare(at_least(0.9))


@prop(st.lists(from_seed, min_size=1, max_size=3), size_sets, max_examples=40)
def store_round_trips_and_deduplicates(p, seeds, sizes):
    """put/get round trips, sha256 hex names, shared chunks stored once (stored_bytes counts distinct
    chunks), KeyError for an unknown hash."""
    store = p.new("ChunkStore", *sizes)
    p.helper("store_facts", store, seeds, 20_000)


@prop(from_seed, st.integers(0, 30_000), st.binary(min_size=1, max_size=100), max_examples=40)
def an_edit_stores_little(p, seed, pos, insert):
    """Storing 32 KiB, then a copy with bytes inserted: stored_bytes grows by at most len(insert) + 4 * max_size
    (here 4 * 2048): content-defined boundaries resynchronise after the edit."""
    store = p.new("ChunkStore", 64, 256, 2048)
    p.helper("edit_growth", store, seed, 32 * 1024, min(pos, 32 * 1024), insert).compare(
        at_most(len(insert) + 4 * 2048))


@prop(st.just(None), max_examples=1)
def default_sizes(p, _):
    """Without sizes, chunk_boundaries and ChunkStore chunk exactly as with (2048, 8192, 65536), the
    defaults of the interface."""
    chunker = p.new("chunk_boundaries.__globals__.get", "chunk_boundaries")
    p.helper("defaults_facts", chunker, p.new("ChunkStore"), p.new("ChunkStore", 2048, 8192, 65536))


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Empty data, one byte, data shorter than min_size, exactly max_size of zeros, the default sizes on
    128 KiB, invalid sizes (ValueError), an empty store."""
    import random

    for data, sizes in ((b"", (64, 256, 2048)), (b"x", (64, 256, 2048)), (b"abc" * 10, (64, 256, 2048)),
                        (bytes(2048), (64, 256, 2048)), (bytes(2049), (64, 256, 2048)), (bytes(5000), (1, 1, 1)),
                        (random.Random(5).randbytes(131_072), (2048, 8192, 65536))):
        p.call("chunk_boundaries", data, *sizes).compare(valid_chunking(len(data), sizes, len(data) > 100_000))
    p.call("chunk_boundaries", random.Random(6).randbytes(70_000)).compare(
        valid_chunking(70_000, (2048, 8192, 65536), False))
    p.call("chunk_boundaries", b"abc", 0, 4, 8)
    p.call("chunk_boundaries", b"abc", 8, 4, 16)
    p.call("chunk_boundaries", b"abc", 4, 16, 8)
    store = p.new("ChunkStore", 64, 256, 2048)
    store.stored_bytes()
    store.put(b"")
    store.get([])
    store.get(["00"])
    store.put(bytes(5000)).compare(lambda e, a: None if type(a) is list and len(a) >= 3 else f"bad {a!r}"[:200])
    default = p.new("ChunkStore")
    default.put(b"hello")
    default.stored_bytes()
    default.get(["2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"])
