class LRUCache:
    def __init__(self, capacity):
        self.data = {}

    def get(self, key):
        return self.data[key]  # KeyError on a miss instead of -1

    def put(self, key, value):
        self.data[key] = value
