# expect: TLE  a CPU loop ends on the CPU time limit
class LRUCache:
    def __init__(self, capacity):
        while True:
            pass
