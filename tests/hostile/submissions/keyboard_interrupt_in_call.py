# expect: RE  KeyboardInterrupt inside a call does not stop the judge
class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        raise KeyboardInterrupt

    def put(self, key, value):
        raise KeyboardInterrupt
