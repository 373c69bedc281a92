class LRUCache:
    def get(self, key)
        return -1
