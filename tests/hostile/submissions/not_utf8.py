# expect: CE  not UTF-8
class LRUCache:
    name = "ÿþ"
