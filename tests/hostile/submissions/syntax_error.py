# expect: CE  a syntax error
class LRUCache
    pass
