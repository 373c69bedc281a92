# expect: RE MLE TLE  fills /tmp until the write fails (RE), or tmpfs pages press on the memory limit (MLE, or TLE while the kernel reclaims)
import os
import tempfile


class LRUCache:
    def __init__(self, capacity):
        folder = tempfile.gettempdir()
        chunk = b"\0" * (1 << 20)
        for i in range(100_000):
            with open(os.path.join(folder, f"fill-{i}"), "wb") as handle:
                for _ in range(15):
                    handle.write(chunk)
