# expect: RE  a BaseException subclass raised inside a call
class Sneaky(BaseException):
    pass


class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        raise Sneaky("accepted")

    def put(self, key, value):
        return None
