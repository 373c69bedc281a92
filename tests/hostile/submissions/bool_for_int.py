# expect: WA  a bool where an int is due (True == 1 in Python, not to the judge)
class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        return False

    def put(self, key, value):
        return None
