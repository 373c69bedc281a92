# expect: WA  never forces a cut at max_size: data where the hash never matches (all zeros) makes one huge chunk
import hashlib

_GEAR = [int.from_bytes(hashlib.sha256(bytes([i])).digest(), "big") for i in range(256)]


def chunk_boundaries(data, min_size=2048, avg_size=8192, max_size=65536):
    if not 1 <= min_size <= avg_size <= max_size:
        raise ValueError("need 1 <= min_size <= avg_size <= max_size")
    mask = (1 << avg_size.bit_length() - 1) - 1  # a cut about every avg_size bytes past min_size
    boundaries, start, h = [], 0, 0
    for i, byte in enumerate(data):
        h = (h << 1 & mask) + _GEAR[byte] & mask
        size = i + 1 - start
        if size >= min_size and h == 0:
            boundaries.append(i + 1)
            start, h = i + 1, 0
    if start < len(data):
        boundaries.append(len(data))
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
