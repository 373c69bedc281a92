# expect: TLE  sleeping burns no CPU: the wall time limit ends it
import time


class LRUCache:
    def __init__(self, capacity):
        time.sleep(10**6)
