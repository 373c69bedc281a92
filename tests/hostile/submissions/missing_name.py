# expect: CE  defines LRU, not the LRUCache the interface names
class LRU:
    pass
