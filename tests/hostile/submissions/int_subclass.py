# expect: WA  an int subclass whose __eq__ always says True
class Liar(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class LRUCache:
    def __init__(self, capacity):
        self.data = {}

    def get(self, key):
        return Liar(self.data.get(key, -1))

    def put(self, key, value):
        self.data[key] = value
