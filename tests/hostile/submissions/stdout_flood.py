# expect: OLE  gigabytes to stdout: the judge reads at most the cap, then kills
import sys


class LRUCache:
    def __init__(self, capacity):
        chunk = "x" * (1 << 20)
        for _ in range(4096):
            sys.stdout.write(chunk)
