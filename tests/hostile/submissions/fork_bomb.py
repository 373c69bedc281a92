# expect: RE TLE  the pids limit stops the fork bomb; the host is unaffected
import os


class LRUCache:
    def __init__(self, capacity):
        while True:
            try:
                os.fork()
            except OSError:
                pass
