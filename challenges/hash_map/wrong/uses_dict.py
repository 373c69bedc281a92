# expect: CE  wraps the built-in dict, which this challenge forbids
class HashMap:
    def __init__(self):
        self._data = dict()

    def put(self, key, value):
        self._data[key] = value

    def get(self, key, default=None):
        return self._data.get(key, default)

    def remove(self, key):
        if key in self._data:
            del self._data[key]
            return True
        return False

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return key in self._data
