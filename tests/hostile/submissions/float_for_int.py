# expect: WA  1.0 where 1 is due
class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        return -1.0

    def put(self, key, value):
        return None
