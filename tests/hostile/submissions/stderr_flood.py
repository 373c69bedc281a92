# expect: OLE  gigabytes to stderr
import sys


class LRUCache:
    def __init__(self, capacity):
        chunk = "y" * (1 << 20)
        for _ in range(4096):
            sys.stderr.write(chunk)
