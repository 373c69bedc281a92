# expect: TLE  one list of (key, value) pairs scanned on every call: O(n) per operation
class HashMap:
    def __init__(self):
        self._items = []

    def _index(self, key):
        hash(key)  # unhashable keys raise TypeError, as required
        for i, (k, _) in enumerate(self._items):
            if k is key or k == key:
                return i
        return -1

    def put(self, key, value):
        i = self._index(key)
        if i >= 0:
            self._items[i] = (self._items[i][0], value)
        else:
            self._items.append((key, value))

    def get(self, key, default=None):
        i = self._index(key)
        return default if i < 0 else self._items[i][1]

    def remove(self, key):
        i = self._index(key)
        if i < 0:
            return False
        self._items.pop(i)
        return True

    def __len__(self):
        return len(self._items)

    def __contains__(self, key):
        return self._index(key) >= 0
