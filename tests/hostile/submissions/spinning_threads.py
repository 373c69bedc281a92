# expect: TLE RE  correct answers, but threads left spinning after each answer burn the CPU budget (or, first, hit the process cap: "can't start new thread")
import threading
from collections import OrderedDict


def spin():
    while True:
        pass


class LRUCache:
    def __init__(self, capacity):
        threading.Thread(target=spin, daemon=False).start()
        self.capacity, self.data = capacity, OrderedDict()

    def get(self, key):
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) >= self.capacity:
            self.data.popitem(last=False)
        self.data[key] = value
