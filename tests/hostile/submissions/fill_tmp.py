# expect: RE MLE  fills /tmp until the write fails; the error reaches the submission (RE), or tmpfs pages hit the memory limit
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
