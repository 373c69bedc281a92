# expect: OLE  writes straight to file descriptors 1 and 2, bypassing sys.stdout
import os


class LRUCache:
    def __init__(self, capacity):
        chunk = b"z" * (1 << 20)
        for _ in range(4096):
            os.write(1, chunk)
            os.write(2, chunk)
