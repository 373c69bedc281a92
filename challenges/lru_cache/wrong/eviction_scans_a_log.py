# expect: TLE  correct answers, but eviction scans a log that keeps every stale entry: O(evictions) per put once full
class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.clock = 0
        self.data = {}  # key -> [value, last use]
        self.log = []  # (use, key) for every use, oldest first; stale entries stay

    def _use(self, key):
        self.clock += 1
        self.log.append((self.clock, key))
        return self.clock

    def get(self, key):
        entry = self.data.get(key)
        if entry is None:
            return -1
        entry[1] = self._use(key)
        return entry[0]

    def put(self, key, value):
        entry = self.data.get(key)
        if entry is None and len(self.data) >= self.capacity:
            for use, old in self.log:  # the least recently used: the first entry still current
                if self.data[old][1] == use if old in self.data else False:
                    del self.data[old]
                    break
        if entry is None:
            self.data[key] = [value, self._use(key)]
        else:
            entry[0], entry[1] = value, self._use(key)
