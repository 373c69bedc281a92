import time


class LRUCache:
    def __init__(self, capacity):
        time.sleep(3600)
