"""A correct content-defined chunker: FastCDC with normalised chunking (level 2): a Gear hash, a harder
mask before avg_size and an easier one after, min_size skipped, max_size forced. Normalised chunking
now and then needs several chunks to fall back into step after an edit."""
import hashlib

_GEAR = [int.from_bytes(hashlib.sha256(b"g" + bytes([i])).digest()[:8], "big") for i in range(256)]
M64 = (1 << 64) - 1


def _mask(bits):
    return ((1 << bits) - 1) << (64 - bits)  # the high bits: they depend on the last 64 bytes


def chunk_boundaries(data, min_size=2048, avg_size=8192, max_size=65536):
    if not 1 <= min_size <= avg_size <= max_size:
        raise ValueError("need 1 <= min_size <= avg_size <= max_size")
    bits = avg_size.bit_length() - 1
    hard, easy = _mask(bits + 2), _mask(max(bits - 2, 1))
    boundaries, start, n = [], 0, len(data)
    while start < n:
        end = min(start + max_size, n)
        i, h = start + min_size, 0
        cut = end
        while i < end:
            h = ((h << 1) + _GEAR[data[i]]) & M64
            i += 1
            if not h & (hard if i - start < avg_size else easy):
                cut = i
                break
        boundaries.append(cut)
        start = cut
    return boundaries


class ChunkStore:
    def __init__(self, min_size=2048, avg_size=8192, max_size=65536):
        self.sizes = (min_size, avg_size, max_size)
        self.chunks = {}

    def put(self, data):
        hashes, start = [], 0
        for end in chunk_boundaries(data, *self.sizes):
            chunk = data[start:end]
            digest = hashlib.sha256(chunk).hexdigest()
            self.chunks.setdefault(digest, chunk)
            hashes.append(digest)
            start = end
        return hashes

    def get(self, hashes):
        return b"".join(self.chunks[h] for h in hashes)

    def stored_bytes(self):
        return sum(map(len, self.chunks.values()))
