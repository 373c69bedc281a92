# expect: RE  os._exit(0) inside a call: the worker is gone without an answer
import os


class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        os._exit(0)

    def put(self, key, value):
        return None
