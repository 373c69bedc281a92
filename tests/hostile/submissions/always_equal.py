# expect: WA  returns an object whose __eq__ always says True
class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        return AlwaysEqual()

    def put(self, key, value):
        return None
