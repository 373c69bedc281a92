# expect: RE  sys.exit(0) inside a call is an exception, not a verdict
import sys


class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        sys.exit(0)

    def put(self, key, value):
        return None
