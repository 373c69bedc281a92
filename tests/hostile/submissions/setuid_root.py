# expect: RE  setuid(0) fails: no privileges to gain
import os


class LRUCache:
    def __init__(self, capacity):
        os.setuid(0)
