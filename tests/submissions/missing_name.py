class LRU:
    pass
