# expect: MLE  a memory bomb: read from the OOM state (Docker) or MemoryError (local)
class LRUCache:
    def __init__(self, capacity):
        hoard = []
        while True:
            hoard.append(bytearray(16 << 20))
            hoard[-1][::4096] = b"\x01" * len(hoard[-1][::4096])
