"""Reference hash map: separate chaining in a list of buckets, doubling when the load passes 1."""


class HashMap:
    def __init__(self):
        self._buckets = [[], [], [], [], [], [], [], []]
        self._size = 0

    def _bucket(self, key):
        return self._buckets[hash(key) % len(self._buckets)]

    @staticmethod
    def _find(bucket, key):
        for i, entry in enumerate(bucket):
            if entry[0] is key or entry[0] == key:  # identity first, as dict does
                return i
        return -1

    def put(self, key, value):
        bucket = self._bucket(key)
        i = self._find(bucket, key)
        if i >= 0:
            bucket[i][1] = value  # the first key object stays
            return
        bucket.append([key, value])
        self._size += 1
        if self._size > len(self._buckets):
            old = self._buckets
            self._buckets = [[] for _ in range(2 * len(old))]
            for chain in old:
                for entry in chain:
                    self._bucket(entry[0]).append(entry)

    def get(self, key, default=None):
        bucket = self._bucket(key)
        i = self._find(bucket, key)
        return default if i < 0 else bucket[i][1]

    def remove(self, key):
        bucket = self._bucket(key)
        i = self._find(bucket, key)
        if i < 0:
            return False
        bucket.pop(i)
        self._size -= 1
        return True

    def __len__(self):
        return self._size

    def __contains__(self, key):
        return self._find(self._bucket(key), key) >= 0
