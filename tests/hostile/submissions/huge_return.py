# expect: MLE OLE  returns a list of 10^8 elements: MLE or OLE, never a judge crash
class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        return list(range(10**8))

    def put(self, key, value):
        return None
