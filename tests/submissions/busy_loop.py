class LRUCache:
    def __init__(self, capacity):
        while True:
            pass
